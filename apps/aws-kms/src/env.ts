import { z } from "zod";

/** The public dev defaults of the demo account: printed at start-up while in force. */
export const AWS_KMS_DEFAULTS = {
  AWS_KMS_DEMO_ACCESS_KEY_ID: "AKIAAWSKMSSIMDEMO001",
  AWS_KMS_DEMO_SECRET_ACCESS_KEY: "dev-only-aws-kms-simulator-demo-secret00",
  AWS_KMS_DEMO_ACCOUNT_ID: "111122223333",
  AWS_KMS_ADMIN_TOKEN: "dev-only-aws-kms-admin-token",
} as const;

/**
 * The simulator's own environment (the shared one, `@cckm/config`, gives HOST, LOG_LEVEL and
 * SHUTDOWN_TIMEOUT_MS). Empty values count as unset, as there.
 */
export const awsKmsEnvSchema = z.object({
  AWS_KMS_PORT: z.coerce.number().int().min(0).max(65535).default(4566),
  AWS_KMS_DEMO_ACCESS_KEY_ID: z
    .string()
    .regex(/^[A-Z0-9]{16,128}$/, "must be 16-128 upper-case letters and digits")
    .default(AWS_KMS_DEFAULTS.AWS_KMS_DEMO_ACCESS_KEY_ID),
  AWS_KMS_DEMO_SECRET_ACCESS_KEY: z.string().min(16).default(AWS_KMS_DEFAULTS.AWS_KMS_DEMO_SECRET_ACCESS_KEY),
  AWS_KMS_DEMO_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, "must be 12 digits")
    .default(AWS_KMS_DEFAULTS.AWS_KMS_DEMO_ACCOUNT_ID),
  /** More key pairs: `accessKeyId:secretAccessKey:accountId[:userName]`, comma-separated. */
  AWS_KMS_ACCESS_KEYS: z.string().min(1).optional(),
  AWS_KMS_ADMIN_TOKEN: z.string().min(16).default(AWS_KMS_DEFAULTS.AWS_KMS_ADMIN_TOKEN),
  AWS_KMS_SEED: z.coerce.number().int().min(0).default(1),
  AWS_KMS_STATE_FILE: z.string().min(1).optional(),
  AWS_KMS_FAULTS: z.string().min(1).optional(),
});

export type AwsKmsEnv = z.infer<typeof awsKmsEnvSchema>;

/** Parses the simulator's variables; throws one message listing every problem (never a value). */
export function loadAwsKmsEnv(source: Record<string, string | undefined>): AwsKmsEnv {
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = awsKmsEnvSchema.safeParse(set);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
}
