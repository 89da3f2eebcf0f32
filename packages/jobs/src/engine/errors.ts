/**
 * BullMQ's UnrecoverableError idea for our kinds: an error no retry can fix, named by `code` (which
 * lands in Postgres as `error_code`). The engine ends the job at once; nothing matches on the message.
 */
export class PermanentError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PermanentError";
  }
}

/** An error a later attempt may not meet (a timeout, a 5xx), named by `code`: BullMQ retries it. */
export class TransientError extends Error {
  readonly retryable = true;
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "TransientError";
  }
}
