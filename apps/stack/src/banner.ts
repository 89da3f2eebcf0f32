export interface BannerInput {
  apiUrl: string;
  workerUrl: string;
  sapKmsUrl: string;
  postgres: string;
  redis: string;
  adminPasswordFromEnv: boolean;
}

export function banner(b: BannerInput): string {
  // ADMIN_PASSWORD seeds the admin user when it is first created; it never resets it.
  const credentials = b.adminPasswordFromEnv
    ? "user admin, password from ADMIN_PASSWORD (when the admin user was first created)"
    : "user admin, password admin (the dev default; set ADMIN_PASSWORD before the first start to choose another)";
  const password = b.adminPasswordFromEnv ? "$ADMIN_PASSWORD" : "admin";
  return [
    "",
    "CCKM SAP key job orchestrator is up.",
    `  API            ${b.apiUrl}/api/v1   (health ${b.apiUrl}/healthz, readiness ${b.apiUrl}/readyz)`,
    `  Worker         ${b.workerUrl}/readyz`,
    `  SAP KMS sim    ${b.sapKmsUrl}`,
    `  Postgres       ${b.postgres}`,
    `  Redis          ${b.redis}`,
    `  Admin          ${credentials}`,
    "",
    "Get a token:",
    `  curl -s ${b.apiUrl}/api/v1/auth/tokens -H 'Content-Type: application/json' \\`,
    `    -d '{"grant_type":"password","username":"admin","password":"${password}"}'`,
    "",
    "Ctrl-C stops everything.",
    "",
  ].join("\n");
}
