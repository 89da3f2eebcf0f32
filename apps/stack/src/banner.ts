export interface BannerInput {
  apiUrl: string;
  /** The same API over HTTPS (self-signed unless TLS_CERT_FILE is given: `curl -k`). */
  apiHttpsUrl: string;
  workerUrl: string;
  sapKmsUrl: string;
  postgres: string;
  redis: string;
  adminPasswordFromEnv: boolean;
}

/**
 * The sign-in command, as a user copies it into a shell: CipherTrust's own form (`curl -k https://…
 * --compressed`). With ADMIN_PASSWORD the body is in double quotes so the shell puts the password in.
 */
export function signInCommand(apiHttpsUrl: string, adminPasswordFromEnv: boolean): string[] {
  const body = adminPasswordFromEnv
    ? `"{\\"grant_type\\":\\"password\\",\\"username\\":\\"admin\\",\\"password\\":\\"$ADMIN_PASSWORD\\"}"`
    : `'{"grant_type":"password","username":"admin","password":"admin"}'`;
  return [
    `  curl -k -s --compressed ${apiHttpsUrl}/api/v1/auth/tokens -H 'Content-Type: application/json' \\`,
    `    -d ${body}`,
  ];
}

export function banner(b: BannerInput): string {
  // ADMIN_PASSWORD seeds the admin user when it is first created; it never resets it.
  const credentials = b.adminPasswordFromEnv
    ? "user admin, password from ADMIN_PASSWORD (when the admin user was first created)"
    : "user admin, password admin (the dev default; set ADMIN_PASSWORD before the first start to choose another)";
  return [
    "",
    "CCKM SAP key job orchestrator is up.",
    `  API            ${b.apiHttpsUrl}/api/v1   (self-signed: curl -k)`,
    `                 ${b.apiUrl}/api/v1   (health ${b.apiUrl}/healthz, readiness ${b.apiUrl}/readyz)`,
    `  Worker         ${b.workerUrl}/readyz`,
    `  SAP KMS sim    ${b.sapKmsUrl}`,
    `  Postgres       ${b.postgres}`,
    `  Redis          ${b.redis}`,
    `  Admin          ${credentials}`,
    "",
    "Get a token:",
    ...signInCommand(b.apiHttpsUrl, b.adminPasswordFromEnv),
    "",
    "Ctrl-C stops everything.",
    "",
  ].join("\n");
}
