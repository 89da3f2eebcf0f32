import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { OciKmsError } from "./errors.ts";

/** A pino-compatible logger; the client logs operation names, codes and attempts, never bodies or keys. */
export interface OciKmsLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface OciRetryPolicy {
  /** Attempts per call, the first included; 1 turns retries off. Default 3. */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each time, with jitter. Default 250 ms. */
  baseDelayMs?: number;
  /** Bound on one delay. Default 4 000 ms. */
  maxDelayMs?: number;
}

/** One OCI connection: an API signing key of a user in a tenancy, and the region to talk to. */
export interface OciKmsClientConfig {
  tenancyId: string;
  userId: string;
  /** The API key's fingerprint as OCI shows it: MD5 of the public key's DER, `aa:bb:...`. */
  fingerprint: string;
  /** The user's API signing private key, PEM. Kept in memory only; never logged or put in an error. */
  privateKey: string;
  passphrase?: string | undefined;
  /** e.g. `us-ashburn-1`. */
  region: string;
  endpoints?: {
    /**
     * The region's KMS vault endpoint, instead of `https://kms.<region>.oraclecloud.com` (for the
     * simulator: `http://127.0.0.1:4060/regions/{region}`). `{region}` is replaced by the region.
     */
    vault?: string | undefined;
    /**
     * Where a vault's management calls go instead of the vault's advertised `managementEndpoint`: a URL
     * whose origin replaces the advertised one's (its path kept), or a function of the advertised one.
     */
    management?: string | ((advertised: string) => string) | undefined;
  };
  /** Bound on each HTTP attempt. Default 10 000 ms. */
  timeoutMs?: number;
  retry?: OciRetryPolicy;
  /** `limit` of each list page. Default 100. */
  pageSize?: number;
  logger?: OciKmsLogger;
}

const ocid = (type: string) =>
  z
    .string()
    .min(1)
    .max(255)
    .regex(new RegExp(`^ocid1\\.${type}\\.`), `must be an OCID (ocid1.${type}....)`);

const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => /^https?:$/.test(safeUrl(v.replace("{region}", "r"))?.protocol ?? ""), "must be an http(s) URL");

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const configSchema = z.object({
  tenancyId: ocid("tenancy"),
  userId: ocid("user"),
  fingerprint: z.string().regex(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i, "must be 16 hex pairs separated by colons"),
  privateKey: z.string().min(1).max(20_000),
  passphrase: z.string().max(1024).optional(),
  region: z
    .string()
    .regex(/^[a-z]+-[a-z]+-\d+$/, "must be a region id such as us-ashburn-1")
    .max(64),
  endpoints: z
    .object({
      vault: httpUrl.optional(),
      management: z
        .union([httpUrl, z.custom<(advertised: string) => string>((v) => typeof v === "function")])
        .optional(),
    })
    .optional(),
  timeoutMs: z.number().int().min(1).max(600_000).default(10_000),
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(10).default(3),
      baseDelayMs: z.number().int().min(0).max(60_000).default(250),
      maxDelayMs: z.number().int().min(0).max(600_000).default(4_000),
    })
    .default({ maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 4_000 }),
  pageSize: z.number().int().min(1).max(1000).default(100),
});

export type ResolvedConfig = Omit<z.infer<typeof configSchema>, "endpoints"> & {
  endpoints: { vault?: string; management?: string | ((advertised: string) => string) };
  logger?: OciKmsLogger;
};

/** Removes the connection's secrets (private key lines, passphrase) from a text. */
export function redactor(config: { privateKey: string; passphrase?: string | undefined }): (text: string) => string {
  const secrets = config.privateKey
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith("-----"));
  if (config.passphrase !== undefined && config.passphrase.length >= 4) secrets.push(config.passphrase);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

/**
 * Checks a connection's settings; an unusable one throws INVALID_CONFIG naming the field, never its
 * value. The private key must parse (with the passphrase, when it is encrypted).
 */
export function resolveConfig(config: OciKmsClientConfig): ResolvedConfig {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "config"))];
    const problems = parsed.error.issues
      .filter((i) => i.path[0] !== "privateKey" && i.path[0] !== "passphrase")
      .map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new OciKmsError(
      "INVALID_CONFIG",
      `invalid OCI connection settings (${fields.join(", ")}) ${problems.join("; ")}`,
      {
        operation: "config",
      },
    );
  }
  try {
    createPrivateKey({ key: config.privateKey, format: "pem", passphrase: config.passphrase ?? "" });
  } catch {
    throw new OciKmsError(
      "INVALID_CONFIG",
      "invalid OCI connection settings: the private key does not parse as PEM (or the passphrase is wrong)",
      { operation: "config" },
    );
  }
  const { endpoints, ...rest } = parsed.data;
  return {
    ...rest,
    endpoints: {
      ...(endpoints?.vault !== undefined ? { vault: endpoints.vault } : {}),
      ...(config.endpoints?.management !== undefined ? { management: config.endpoints.management } : {}),
    },
    ...(config.logger ? { logger: config.logger } : {}),
  };
}
