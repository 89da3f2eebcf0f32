/** One step of a shutdown: what it closes, and how. */
export interface CloseStep {
  name: string;
  close: () => Promise<void> | void;
}

/**
 * Runs the steps one after the other, in the order given, each even when an earlier one failed;
 * then throws an AggregateError naming every step that failed (its `errors` are theirs).
 */
export async function closeInOrder(steps: readonly CloseStep[]): Promise<void> {
  const errors: Error[] = [];
  const failed: string[] = [];
  for (const step of steps) {
    try {
      await step.close();
    } catch (error) {
      failed.push(step.name);
      errors.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  if (errors.length === 0) return;
  const reasons = errors.map((e, i) => `${failed[i]}: ${e.message}`).join("; ");
  throw new AggregateError(errors, `closing failed (${reasons})`);
}

/**
 * What a process built, closed in reverse order of building (the last built goes first): a runtime
 * adds each resource as it makes it, so a start that fails half-way closes what it had made.
 */
export interface Closer {
  add(name: string, close: () => Promise<void> | void): void;
  /** Closes everything added, once; a second call waits for the first. */
  close(): Promise<void>;
  /** Names of the steps, in the order close() runs them. */
  readonly steps: string[];
}

export function createCloser(): Closer {
  const steps: CloseStep[] = [];
  let closing: Promise<void> | undefined;
  return {
    add(name, close) {
      if (closing) throw new Error(`cannot add ${name}: already closing`);
      steps.push({ name, close });
    },
    close() {
      closing ??= closeInOrder([...steps].reverse());
      return closing;
    },
    get steps() {
      return [...steps].reverse().map((s) => s.name);
    },
  };
}

/**
 * Builds with `build(closer)`; when it throws, closes what it had added and rethrows the build's
 * error (with the close's failures attached as `cause` when there were any).
 */
export async function buildOrClose<T>(closer: Closer, build: (closer: Closer) => Promise<T>): Promise<T> {
  try {
    return await build(closer);
  } catch (error) {
    await closer.close().catch((closeError: unknown) => {
      if (error instanceof Error && error.cause === undefined) error.cause = closeError;
    });
    throw error;
  }
}
