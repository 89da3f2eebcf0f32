/** Refusals of the user and session store, named by `code` (callers match on it, never on the message). */
export type AuthErrorCode =
  /** A username is taken (usernames are unique). */
  "USERNAME_TAKEN";

/** A refusal of the user store; the API's domain-error table gives each code its HTTP status. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}
