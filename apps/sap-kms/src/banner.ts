import { loadEnv, sapKmsEnvSchema } from "@cckm/config";

/**
 * How to reach the demo tenant, for the start-up log. Credentials are printed only while they are
 * the public dev defaults; a value set in the environment is named, never shown.
 */
export function demoTenantBanner(url: string, settings: { apiKey: string; secret: string; adminToken: string }) {
  const defaults = loadEnv({}, sapKmsEnvSchema);
  const secret = settings.secret === defaults.SAP_KMS_DEMO_SECRET ? `"${settings.secret}"` : "from SAP_KMS_DEMO_SECRET";
  const admin =
    settings.adminToken === defaults.SAP_KMS_ADMIN_TOKEN ? `"${settings.adminToken}"` : "from SAP_KMS_ADMIN_TOKEN";
  return [
    `demo tenant: POST ${url}/kms/v2/auth/request with apiKey "${settings.apiKey}" and secret ${secret};`,
    `admin routes: ${url}/admin/... with Authorization: Bearer ${admin}`,
  ].join(" ");
}
