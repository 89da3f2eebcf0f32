import { DEV_ADMIN_TOKEN } from "./env.ts";
import { DEMO_TENANCY, DEMO_USER_KEY_FILES } from "./store/demo-user.ts";

/**
 * How to reach the demo tenancy, for the start-up log. The admin token is printed only while it is
 * the public dev default; a value set in the environment is named, never shown.
 */
export function demoTenancyBanner(url: string, adminToken: string): string {
  const admin = adminToken === DEV_ADMIN_TOKEN ? `"${adminToken}"` : "from OCI_KMS_ADMIN_TOKEN";
  return [
    `demo tenancy ${DEMO_TENANCY.tenancyId}, user ${DEMO_TENANCY.userId}, fingerprint ${DEMO_TENANCY.fingerprint},`,
    `private key ${DEMO_USER_KEY_FILES.privateKey}; vault endpoint ${url}/regions/<region> (${url} for the default region);`,
    `admin routes: ${url}/admin/... with Authorization: Bearer ${admin}`,
  ].join(" ");
}
