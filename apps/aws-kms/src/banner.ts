import type { AccessKey } from "./auth/access-keys.ts";
import { AWS_KMS_DEFAULTS } from "./env.ts";

/**
 * How to reach the demo account, for the start-up log. Secrets are printed only while they are the
 * public dev defaults; a value set in the environment is named, never shown.
 */
export function demoAccountBanner(url: string, demo: AccessKey, adminToken: string): string {
  const secret =
    demo.secretAccessKey === AWS_KMS_DEFAULTS.AWS_KMS_DEMO_SECRET_ACCESS_KEY
      ? `"${demo.secretAccessKey}"`
      : "from AWS_KMS_DEMO_SECRET_ACCESS_KEY";
  const admin = adminToken === AWS_KMS_DEFAULTS.AWS_KMS_ADMIN_TOKEN ? `"${adminToken}"` : "from AWS_KMS_ADMIN_TOKEN";
  return [
    `demo account ${demo.accountId}: endpoint ${url}, access key id "${demo.accessKeyId}", secret access key ${secret},`,
    `regions us-east-1 and eu-west-1; admin routes: ${url}/admin/... with Authorization: Bearer ${admin}`,
  ].join(" ");
}
