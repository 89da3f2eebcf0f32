// What the CLI reports when it stops: one line on stderr and an exit code, never a stack trace.

/** Exit codes: documented in the README's CLI section. */
export const EXIT = {
  ok: 0,
  /** A job ended FAILED (or a bulk run had failures or refusals). */
  failed: 1,
  /** Bad input: an unknown flag, a malformed filter, a key that does not exist. */
  usage: 2,
  /** Not signed in, or the session ended: run `cckm login`. */
  auth: 3,
  /** The API could not be reached, or answered an error. */
  api: 4,
  /** Interrupted (SIGINT). */
  interrupted: 130,
} as const;

export type CliErrorCode =
  | "USAGE"
  | "NOT_SIGNED_IN"
  | "SESSION_ENDED"
  | "API"
  | "NETWORK"
  | "TLS"
  | "FAILED"
  /** The API serves no event stream (refused or not offered): the caller polls instead. */
  | "NO_STREAM";

const EXIT_OF: Record<CliErrorCode, number> = {
  USAGE: EXIT.usage,
  NOT_SIGNED_IN: EXIT.auth,
  SESSION_ENDED: EXIT.auth,
  API: EXIT.api,
  NETWORK: EXIT.api,
  TLS: EXIT.api,
  FAILED: EXIT.failed,
  NO_STREAM: EXIT.api,
};

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "CliError";
  }

  get exitCode(): number {
    // The API refusing what was asked (bad input, nothing by that id) is bad input too.
    if (this.code === "API" && (this.status === 400 || this.status === 404)) return EXIT.usage;
    return EXIT_OF[this.code];
  }
}

export const usage = (message: string) => new CliError("USAGE", message);
