import { z } from "zod";
import { httpUrl } from "../../connections/connection-input.ts";
import { ocid, ociRegion } from "../oci-kinds.ts";

/**
 * The request vocabulary of an OCI connection (contract §1.5): `tenancy_ocid`, `user_ocid`,
 * `fingerprint`, `region`, `credentials: {key_file, pass_phrase}`, `description`, `meta`, `labels`,
 * `products`. `kms_endpoint` is ours: where the KMS answers instead of Oracle's (the simulator).
 */
export const ociConnectionName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, "1 to 64 letters, digits, spaces or . _ -");

export const ociCredentials = z.object({
  key_file: z.string().min(1).max(20_000).includes("PRIVATE KEY", { message: "must be a PEM private key" }),
  pass_phrase: z.string().max(1024).nullish(),
});

export const ociFingerprint = z
  .string()
  .regex(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i, "must be 16 hex pairs separated by colons");

const meta = z
  .record(z.string(), z.unknown())
  .refine((m) => JSON.stringify(m).length <= 16_384, "at most 16 KiB as JSON");
const labels = z
  .record(z.string().min(1).max(256), z.string().max(1024))
  .refine((l) => Object.keys(l).length <= 64, "at most 64 labels");

export const ociConnectionFields = {
  description: z.string().max(1024).nullish(),
  products: z.array(z.literal("cckm")).max(1).nullish(),
  meta: meta.nullish(),
  labels: labels.nullish(),
  kms_endpoint: httpUrl.nullish().meta({ description: "ours: the KMS's base URL instead of Oracle's (a simulator)" }),
};

/** What create and connection-test both require. */
export const ociConnectionParams = {
  tenancy_ocid: ocid("tenancy"),
  user_ocid: ocid("user"),
  fingerprint: ociFingerprint,
  region: ociRegion,
  credentials: ociCredentials,
};

export const secretOf = (c: z.infer<typeof ociCredentials>) => ({
  privateKey: c.key_file,
  ...(c.pass_phrase ? { passphrase: c.pass_phrase } : {}),
});
