/**
 * What the engine knows of a cloud's client errors (SapKmsError, AwsKmsError, OciKmsError), without
 * importing any client: the cloud it came from, its code, whether a retry may help, and whether the
 * cloud asked us to slow down. Each client's error class carries these fields; the engine stays
 * cloud-neutral.
 */
export interface UpstreamError extends Error {
  /** The cloud, as it prefixes the codes recorded on a job: `SAP`, `AWS`, `OCI`. */
  readonly upstream: string;
  readonly code: string;
  readonly retryable: boolean;
  /** The cloud said "too many requests" (SAP's 429, AWS's ThrottlingException, OCI's 429). */
  readonly rateLimited: boolean;
  /** The cloud's Retry-After, when it gave one. */
  readonly retryAfterMs?: number | undefined;
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  if (!(error instanceof Error)) return false;
  const e = error as Partial<UpstreamError>;
  return typeof e.upstream === "string" && typeof e.code === "string" && typeof e.retryable === "boolean";
}

/** An upstream error saying the cloud is rate-limiting us. */
export const isRateLimited = (error: unknown): error is UpstreamError => isUpstreamError(error) && error.rateLimited;
