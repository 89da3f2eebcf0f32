import { describe, expect, it } from "vitest";
import {
  apiEnvSchema,
  DEV_DEFAULTS,
  loadEnv,
  migrateEnvSchema,
  sapKmsEnvSchema,
  stackEnvSchema,
  workerEnvSchema,
} from "./index.ts";

const kek = Buffer.alloc(32, 7).toString("base64");

describe("one schema per process", () => {
  it("gives each process its own variables only", () => {
    const api = loadEnv({}, apiEnvSchema);
    expect(api).toMatchObject({ PORT: 3000, TLS_PORT: 3443, JOB_ATTEMPTS: 8, KEY_JOB_WAIT_MS: 30_000 });
    expect(api).not.toHaveProperty("WORKER_CONCURRENCY");
    expect(api).not.toHaveProperty("SAP_KMS_PORT");
    expect(api).not.toHaveProperty("STACK_DATA_DIR");

    const worker = loadEnv({}, workerEnvSchema);
    expect(worker).toMatchObject({ WORKER_HEALTH_PORT: 3001, WORKER_CONCURRENCY: 32, JOB_ATTEMPTS: 8 });
    expect(worker).not.toHaveProperty("JWT_SECRET");
    expect(worker).not.toHaveProperty("PORT");

    const sapKms = loadEnv({}, sapKmsEnvSchema);
    expect(sapKms).toMatchObject({ SAP_KMS_PORT: 4040, SAP_KMS_SEED: 1, HOST: "127.0.0.1" });
    expect(sapKms).not.toHaveProperty("DATABASE_URL");

    expect(Object.keys(loadEnv({}, migrateEnvSchema)).sort()).toEqual([
      "DATABASE_URL",
      "LOG_LEVEL",
      "NODE_ENV",
      "SHUTDOWN_TIMEOUT_MS",
    ]);
  });

  it("ignores what belongs to another process, even when it is invalid there", () => {
    expect(loadEnv({ SAP_KMS_PORT: "not-a-port", JWT_SECRET: "short" }, workerEnvSchema).WORKER_CONCURRENCY).toBe(32);
    expect(() => loadEnv({ JWT_SECRET: "short" }, apiEnvSchema)).toThrowError(/JWT_SECRET/);
  });

  it("refuses in production only the dev secrets the process reads", () => {
    const worker = loadEnv({ NODE_ENV: "production", BACKUP_KEK: kek }, workerEnvSchema);
    expect(worker.NODE_ENV).toBe("production");
    expect(() => loadEnv({ NODE_ENV: "production" }, workerEnvSchema)).toThrowError(/BACKUP_KEK/);
    expect(() => loadEnv({ NODE_ENV: "production", BACKUP_KEK: kek }, apiEnvSchema)).toThrowError(
      /JWT_SECRET[\s\S]*ADMIN_PASSWORD/,
    );
    expect(loadEnv({ NODE_ENV: "production" }, sapKmsEnvSchema).NODE_ENV).toBe("production");
  });

  it("checks the TLS pair where the process serves TLS", () => {
    expect(() => loadEnv({ TLS_CERT_FILE: "c.pem" }, apiEnvSchema)).toThrowError(/give both/);
    expect(loadEnv({ TLS_CERT_FILE: "c.pem" }, workerEnvSchema)).not.toHaveProperty("TLS_CERT_FILE");
  });

  it("lets the launcher validate everything its processes read", () => {
    const stack = loadEnv({}, stackEnvSchema);
    expect(stack).toMatchObject({ PORT: 3000, WORKER_HEALTH_PORT: 3001, SAP_KMS_PORT: 4040 });
    expect(stack.JWT_SECRET).toBe(DEV_DEFAULTS.JWT_SECRET);
    expect(stack.STACK_EMBEDDED_POSTGRES_PORT).toBe(54329);
    expect(() => loadEnv({ WORKER_CONCURRENCY: "0" }, stackEnvSchema)).toThrowError(/WORKER_CONCURRENCY/);
  });
});
