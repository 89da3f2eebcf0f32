/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits: 0 when it finished within `timeoutMs`,
 * 1 when it failed or the bound ran out. A second signal exits at once.
 */
export function exitOnSignal(options: {
  stop: (signal: NodeJS.Signals) => Promise<void>;
  timeoutMs: number;
  log: (message: string) => void;
}): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    options.log(`${signal}: shutting down (at most ${options.timeoutMs} ms)`);
    const timer = setTimeout(() => {
      options.log("shutdown timed out");
      process.exit(1);
    }, options.timeoutMs);
    timer.unref();
    options.stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        options.log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
