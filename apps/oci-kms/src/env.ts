import { z } from "zod";

/** Dev-only default of the admin token; the start-up banner shows it only while it is this. */
export const DEV_ADMIN_TOKEN = "dev-only-oci-kms-admin-token";

const whole = z.coerce.number().int().min(0);

/**
 * The simulator's own environment (the shared one in @cckm/config has no OCI entries):
 * OCI_KMS_PORT, OCI_KMS_HOST (default HOST), OCI_KMS_ADMIN_TOKEN, OCI_KMS_SEED,
 * OCI_KMS_TRANSITION_DELAY_MS, OCI_KMS_DEFAULT_REGION, OCI_KMS_PUBLIC_URL,
 * OCI_KMS_WRAPPING_KEY_BITS, OCI_KMS_STATE_FILE, OCI_KMS_FAULTS.
 */
export const ociEnvSchema = z.object({
  OCI_KMS_PORT: whole.max(65535).default(4060),
  OCI_KMS_HOST: z.string().min(1).optional(),
  OCI_KMS_ADMIN_TOKEN: z.string().min(16).default(DEV_ADMIN_TOKEN),
  OCI_KMS_SEED: whole.default(1),
  OCI_KMS_TRANSITION_DELAY_MS: whole.max(3_600_000).default(2000),
  OCI_KMS_DEFAULT_REGION: z
    .string()
    .regex(/^[a-z]+-[a-z]+-\d+$/)
    .default("us-ashburn-1"),
  OCI_KMS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  OCI_KMS_WRAPPING_KEY_BITS: z.coerce
    .number()
    .pipe(z.union([z.literal(2048), z.literal(3072), z.literal(4096)]))
    .default(4096),
  OCI_KMS_STATE_FILE: z.string().min(1).optional(),
  OCI_KMS_FAULTS: z.string().min(1).optional(),
});

export type OciEnv = z.infer<typeof ociEnvSchema>;

/** Parses the OCI_KMS_* variables (empty ones count as unset); throws one line per problem. */
export function loadOciEnv(source: Record<string, string | undefined>): OciEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ociEnvSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
}
