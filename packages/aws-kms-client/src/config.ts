import type { LookupFunction } from "node:net";

/** One AWS connection: where KMS is and the IAM access key pair to sign with. */
export interface AwsKmsConnection {
  /** A KMS endpoint other than AWS's own (the simulator), e.g. `http://127.0.0.1:4566`. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the client logs: operation names, codes, statuses, attempts and timings, never bodies or credentials. */
export interface AwsKmsLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Which addresses requests may reach, as `@cckm/sap-kms-client`'s EndpointPolicy decides it (any
 * object of this shape will do): the endpoint's host when it is an IP literal, and what names resolve to.
 */
export interface EndpointGuard {
  lookup: LookupFunction;
  /** A refusal (any value) when `hostname` is an IP literal that may not be reached; undefined when allowed. */
  refusalOfLiteral(hostname: string): unknown;
}

export interface AwsKmsClientOptions {
  /** Sends per call, the first included; 3 by default. Failures the service cannot have acted on are retried. */
  maxAttempts?: number;
  /** Backoff base and ceiling between attempts (full jitter); 100 ms and 2 000 ms by default. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Bound on each attempt, answer included; 10 000 ms by default. */
  timeoutMs?: number;
  /** Bound on opening the connection; 5 000 ms by default (at most `timeoutMs`). */
  connectTimeoutMs?: number;
  endpoints?: EndpointGuard;
  logger?: AwsKmsLogger;
  /** Called after every call (for metrics): operation, attempts, error code if any, time. */
  observe?: (event: { operation: string; attempts?: number; code?: string; ms: number }) => void;
  /** [0, 1) for the backoff jitter; tests pass `() => 0` to retry at once. */
  random?: () => number;
}

/** A connection without its secret, for logs, errors and answers. */
export function describeConnection(connection: AwsKmsConnection) {
  return {
    ...(connection.endpoint !== undefined ? { endpoint: connection.endpoint } : {}),
    region: connection.region,
    accessKeyId: connection.accessKeyId,
    secretAccessKey: "[redacted]",
  };
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Why a connection cannot work, or undefined. Never mentions the secret's value. */
export function connectionProblem(connection: AwsKmsConnection): string | undefined {
  if (!REGION.test(connection.region)) return `region "${connection.region}" is not an AWS region name`;
  if (!/^[A-Z0-9]{16,128}$/.test(connection.accessKeyId)) return "the access key id is not one";
  if (connection.secretAccessKey === "") return "the secret access key is empty";
  if (connection.endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(connection.endpoint);
    } catch {
      return "the endpoint is not a URL";
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return "the endpoint must be an http(s) URL";
    if (url.username !== "" || url.password !== "") return "the endpoint must not carry credentials";
  }
  return undefined;
}
