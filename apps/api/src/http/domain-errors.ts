import { AuthError, type AuthErrorCode } from "@cckm/auth";
import { AwsKmsError, type AwsKmsErrorCode } from "@cckm/aws-kms-client";
import { type AddVersionOutcome, InventoryError, type InventoryErrorCode } from "@cckm/inventory";
import { type DestroyKeyOutcome, type DropBackupOutcome, JobError, type JobErrorCode } from "@cckm/jobs";
import { OciKmsError, type OciKmsErrorCode } from "@cckm/oci-kms-client";
import { SapKmsError, type SapKmsErrorCode } from "@cckm/sap-kms-client";
import { ApiError, type ErrorStatus } from "./errors.ts";

/**
 * The one table from the packages' error codes to HTTP statuses (the error handler turns the status
 * into CipherTrust's error body, see errors.ts). Every code of every package error is listed, so a
 * new code does not compile until it is given its status here.
 */

/** Job submission refusals: an unknown key is a 404, every other refusal a conflict with the key's state. */
const JOB_ERRORS = {
  KEY_NOT_FOUND: 404,
  JOB_ACTIVE: 409,
  KEY_GONE: 409,
  KEY_NOT_GONE: 409,
  NO_BACKUP: 409,
  BACKUP_FAILED: 409,
  BACKUP_CORRUPT: 409,
  RESTORE_CONFLICT: 409,
  INVARIANT: 409,
  ATTEMPT_RUNNING: 409,
  KEY_CHANGED: 409,
} as const satisfies Record<JobErrorCode, ErrorStatus>;

const INVENTORY_ERRORS = {
  CONNECTION_NAME_TAKEN: 409,
  CONNECTION_HAS_KEYS: 409,
  CONNECTION_SYNCING: 409,
  CONNECTION_IN_USE: 409,
  GROUP_AMBIGUOUS: 400,
  KMS_NAME_TAKEN: 409,
  KMS_HAS_KEYS: 409,
  KEY_NAME_TAKEN: 409,
  KEY_SHAPE_MISMATCH: 400,
} as const satisfies Record<InventoryErrorCode, ErrorStatus>;

const AUTH_ERRORS = {
  USERNAME_TAKEN: 409,
} as const satisfies Record<AuthErrorCode, ErrorStatus>;

/**
 * SAP's refusal or failure of a call made on the client's behalf. An endpoint the policy refuses
 * reached nothing (400, naming the field); SAP's "not found" of something the inventory names means
 * the inventory is out of date (409); a timeout is 504; anything else SAP failed is 502.
 */
const SAP_ERRORS: Record<SapKmsErrorCode, { status: ErrorStatus; message: (e: SapKmsError) => string }> = {
  ENDPOINT_FORBIDDEN: { status: 400, message: (e) => `connection.api_endpoint: ${e.message}` },
  BAD_REQUEST: { status: 400, message: (e) => `SAP answered: ${e.message}` },
  CONFLICT: { status: 409, message: (e) => `SAP answered: ${e.message}` },
  NOT_FOUND: {
    status: 409,
    message: (e) => `SAP answered: ${e.message} (the inventory is out of date: synchronize the connection)`,
  },
  TIMEOUT: { status: 504, message: () => "SAP did not answer in time" },
  UNAUTHORIZED: { status: 502, message: (e) => `SAP answered: ${e.message}` },
  FORBIDDEN: { status: 502, message: (e) => `SAP answered: ${e.message}` },
  NOT_EXPORTABLE: { status: 502, message: (e) => `SAP answered: ${e.message}` },
  ENDPOINT_NOT_FOUND: { status: 502, message: (e) => `SAP answered: ${e.message}` },
  RATE_LIMITED: { status: 502, message: (e) => `SAP answered: ${e.message}` },
  SERVER_ERROR: { status: 502, message: (e) => `SAP answered: ${e.message}` },
  NETWORK: { status: 502, message: (e) => `SAP answered: ${e.message}` },
  INVALID_RESPONSE: { status: 502, message: (e) => `SAP answered: ${e.message}` },
};

/**
 * AWS KMS's refusal or failure of a call made on the client's behalf (issue 15). A key in a state the
 * operation does not allow, or that AWS no longer has, is a conflict with the inventory (409, AWS's
 * words name the state); what the request itself got wrong is a 400; AWS away or throttling is a
 * 503, a timeout 504, any other upstream failure (credentials refused included) 502. The message
 * names the client's code and AWS's error type.
 */
const AWS_STATUS: Record<AwsKmsErrorCode, ErrorStatus> = {
  NOT_FOUND: 409,
  INVALID_STATE: 409,
  ALREADY_EXISTS: 409,
  DISABLED: 409,
  LIMIT_EXCEEDED: 409,
  UNSUPPORTED: 409,
  VALIDATION: 400,
  ENDPOINT_FORBIDDEN: 400,
  INVALID_CONFIG: 400,
  ACCESS_DENIED: 502,
  INVALID_SIGNATURE: 502,
  UNRECOGNIZED_CLIENT: 502,
  ENDPOINT_NOT_FOUND: 502,
  BAD_REQUEST: 502,
  INVALID_RESPONSE: 502,
  SERVER_ERROR: 502,
  UNEXPECTED: 502,
  THROTTLED: 503,
  NETWORK: 503,
  TIMEOUT: 504,
};

function awsMessage(e: AwsKmsError): string {
  const type = e.awsCode ? ` ${e.awsCode}` : "";
  const hint = e.code === "NOT_FOUND" ? " (the inventory is out of date: synchronize the KMS)" : "";
  return `AWS answered ${e.code}${type}: ${e.message}${hint}`;
}

/**
 * OCI's refusal or failure of a call made on the client's behalf (issue 16): a wrong lifecycle state
 * is a 409 (the message names the state, as OCI's does); what OCI does not know of what the inventory
 * names is a 404; rate limits and 5xx are 503/502 after the client's bounded retries; a timeout 504;
 * a refused signature a 400 (the connection's settings are wrong, not the token).
 */
const OCI_ERRORS: Record<OciKmsErrorCode, { status: ErrorStatus; message: (e: OciKmsError) => string }> = {
  INVALID_PARAMETER: { status: 400, message: (e) => `OCI answered: ${e.message}` },
  BAD_REQUEST: { status: 400, message: (e) => `OCI answered: ${e.message}` },
  INVALID_ARGUMENT: { status: 400, message: (e) => e.message },
  ENDPOINT_FORBIDDEN: { status: 400, message: (e) => `connection endpoint: ${e.message}` },
  INVALID_CONFIG: { status: 400, message: (e) => e.message },
  NOT_FOUND: { status: 404, message: (e) => `OCI answered: ${e.message} (synchronize the vault)` },
  INCORRECT_STATE: { status: 409, message: (e) => `OCI refused the action: ${e.message}` },
  CONFLICT: { status: 409, message: (e) => `OCI answered: ${e.message}` },
  NOT_AUTHENTICATED: {
    status: 400,
    message: (e) => `OCI refused the connection's signature (check its user, fingerprint and key): ${e.message}`,
  },
  ENDPOINT_NOT_FOUND: { status: 502, message: (e) => `OCI answered: ${e.message}` },
  RATE_LIMITED: { status: 503, message: (e) => `OCI is rate limiting (after ${e.attempts} attempts): ${e.message}` },
  SERVER_ERROR: { status: 502, message: (e) => `OCI failed (after ${e.attempts} attempts): ${e.message}` },
  NETWORK: { status: 503, message: (e) => `OCI cannot be reached (after ${e.attempts} attempts)` },
  TIMEOUT: { status: 504, message: () => "OCI did not answer in time" },
  INVALID_RESPONSE: { status: 502, message: (e) => `OCI answered: ${e.message}` },
};

/** A package's error as the API answers it (status and message), or undefined when it is none of theirs. */
export function domainError(error: unknown): { status: ErrorStatus; message: string } | undefined {
  if (error instanceof JobError) return { status: JOB_ERRORS[error.code], message: error.message };
  if (error instanceof InventoryError) return { status: INVENTORY_ERRORS[error.code], message: error.message };
  if (error instanceof AuthError) return { status: AUTH_ERRORS[error.code], message: error.message };
  if (error instanceof AwsKmsError) return { status: AWS_STATUS[error.code], message: awsMessage(error) };
  if (error instanceof SapKmsError) {
    const rule = SAP_ERRORS[error.code];
    return { status: rule.status, message: rule.message(error) };
  }
  if (error instanceof OciKmsError) {
    const rule = OCI_ERRORS[error.code];
    return { status: rule.status, message: rule.message(error) };
  }
  return undefined;
}

type Refusal = readonly [ErrorStatus, string];

/**
 * The refused outcomes of the inventory's key changes, per operation (the same outcome means a
 * different thing per route: `not_gone` before dropping a backup is not `not_gone` before destroying).
 */
const OUTCOME_REFUSALS = {
  dropBackup: {
    not_found: [404, "key not found"],
    not_gone: [409, "the key still exists in SAP: its backup is kept until the key is deleted"],
    no_backup: [409, "the key holds no backup"],
    job_active: [409, "a job is running for this key"],
  } satisfies Record<Exclude<DropBackupOutcome, "dropped">, Refusal>,
  destroyKey: {
    not_found: [404, "key not found"],
    not_gone: [409, "the key is on SAP again (a restore ran meanwhile); send the DELETE again"],
    job_active: [409, "a job is running for this key"],
  } satisfies Record<Exclude<DestroyKeyOutcome, "destroyed">, Refusal>,
  addVersion: {
    not_found: [404, "key not found"],
    gone: [409, "the key is deleted from SAP: a gone key has no versions to add (restore it first)"],
    job_active: [409, "a job is running for this key"],
  } satisfies Record<Exclude<AddVersionOutcome["outcome"], "added">, Refusal>,
} as const;

type Operation = keyof typeof OUTCOME_REFUSALS;

/** The API's answer to an inventory operation's refused outcome (`refused("dropBackup", "no_backup")`). */
export function refused<O extends Operation>(operation: O, outcome: keyof (typeof OUTCOME_REFUSALS)[O]): ApiError {
  const [status, message] = OUTCOME_REFUSALS[operation][outcome] as Refusal;
  return new ApiError(status, message);
}
