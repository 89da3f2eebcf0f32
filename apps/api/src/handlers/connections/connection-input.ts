import { z } from "zod";

/**
 * The request vocabulary of a SAP Data Custodian connection, as CipherTrust documents it and its
 * clients send it (docs/cckm-compatibility.md §1.4, §3.3): `technical_user_credentials`,
 * `user_credentials`, `meta`, `labels`, `products`, `description`. Clients send `null` for what they
 * do not use (PowerShell always sends both credential objects), so `null` means "not given"
 * everywhere; unknown fields (echoed response fields) are ignored.
 */

export const connectionName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, "1 to 64 letters, digits, spaces or . _ -");

export const httpUrl = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(2048)
  .refine((v) => !new URL(v).username && !new URL(v).password, "must not carry credentials");

const technicalCredentials = z.object({
  api_key: z.string().min(1).max(256).nullish(),
  secret: z.string().min(1).max(4096).nullish(),
});

/** A standard user's credentials: accepted, only `tenant` is kept (we sign in as a technical user). */
const userCredentials = z.object({
  user: z.string().max(256).nullish(),
  secret: z.string().max(4096).nullish(),
  tenant: z.string().max(256).nullish(),
});

const meta = z
  .record(z.string(), z.unknown())
  .refine((m) => JSON.stringify(m).length <= 16_384, "at most 16 KiB as JSON");

const labels = z
  .record(z.string().min(1).max(256), z.string().max(1024))
  .refine((l) => Object.keys(l).length <= 64, "at most 64 labels");

/** The fields create, PATCH and connection-test share (the endpoint is required or optional per route). */
export const connectionFields = {
  description: z.string().max(1024).nullish(),
  products: z.array(z.literal("cckm")).max(1).nullish(),
  technical_user_credentials: technicalCredentials.nullish(),
  /** Ours, kept as an alias of `technical_user_credentials` (earlier releases took it). */
  technical_user: technicalCredentials.nullish(),
  user_credentials: userCredentials.nullish(),
  meta: meta.nullish(),
  labels: labels.nullish(),
  /** Ours (CipherTrust has none): requests per second to the tenant, shared by every worker; 0: no limit. */
  rate_limit_per_second: z.number().int().min(0).max(100_000).nullish(),
};

type Technical = z.infer<typeof technicalCredentials> | null | undefined;
type Fields = {
  technical_user_credentials?: Technical;
  technical_user?: Technical;
};

const given = (t: Technical) => t?.api_key != null || t?.secret != null;

/** The technical user a body names, from `technical_user_credentials` or its alias `technical_user`. */
export function technicalUserOf(input: Fields): { apiKey?: string; secret?: string } {
  const t = given(input.technical_user_credentials) ? input.technical_user_credentials : input.technical_user;
  return {
    ...(t?.api_key != null ? { apiKey: t.api_key } : {}),
    ...(t?.secret != null ? { secret: t.secret } : {}),
  };
}

/** Refinements for a body: not both spellings; with `required`, a whole technical user. */
export function checkTechnicalUser(input: Fields, ctx: z.RefinementCtx, required: boolean): void {
  if (given(input.technical_user_credentials) && given(input.technical_user)) {
    ctx.addIssue({
      code: "custom",
      path: ["technical_user"],
      message: "give technical_user_credentials or technical_user (its alias), not both",
    });
    return;
  }
  if (!required) return;
  const { apiKey, secret } = technicalUserOf(input);
  const why = "required: this service signs in to SAP as a technical user (user_credentials cannot sign in)";
  if (apiKey === undefined)
    ctx.addIssue({ code: "custom", path: ["technical_user_credentials", "api_key"], message: why });
  if (secret === undefined)
    ctx.addIssue({ code: "custom", path: ["technical_user_credentials", "secret"], message: why });
}

/** The stored, non-secret attributes a body gives (`null`/absent: not given). */
export function attributesOf(input: {
  user_credentials?: z.infer<typeof userCredentials> | null | undefined;
  meta?: Record<string, unknown> | null | undefined;
  labels?: Record<string, string> | null | undefined;
  rate_limit_per_second?: number | null | undefined;
}) {
  return {
    ...(input.user_credentials?.tenant != null ? { tenant: input.user_credentials.tenant } : {}),
    ...(input.rate_limit_per_second != null ? { rateLimitPerSecond: input.rate_limit_per_second } : {}),
    ...(input.meta != null ? { meta: input.meta } : {}),
    ...(input.labels != null ? { labels: input.labels } : {}),
  };
}

/** An endpoint as stored: without trailing slashes. */
export const storedEndpoint = (url: string) => url.replace(/\/+$/, "");
