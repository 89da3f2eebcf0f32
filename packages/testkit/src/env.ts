/** Where tests find Postgres (an admin connection) and Redis; local servers by default. */
export function testPgAdminUrl(): string {
  return process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestRun {
  runId: string;
  templateDb: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    cckmTestRun: TestRun;
  }
}
