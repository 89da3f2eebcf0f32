import { describe, expect, it } from "vitest";
import { ConfigError, DEV_DEFAULTS, loadEnv } from "./index.ts";

const realSecrets = {
  JWT_SECRET: "a-real-secret-that-is-long-enough-0123456789",
  BACKUP_KEK: Buffer.alloc(32, 7).toString("base64"),
  ADMIN_PASSWORD: "correct horse battery staple",
};

describe("loadEnv", () => {
  it("has a dev default for everything", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.REDIS_PREFIX).toBe("{cckm}");
    expect(env.JWT_SECRET).toBe(DEV_DEFAULTS.JWT_SECRET);
    expect(env.SAP_KMS_URL).toBe("http://127.0.0.1:4040");
  });

  it("coerces numbers and treats empty strings as unset", () => {
    const env = loadEnv({ PORT: "8080", WORKER_CONCURRENCY: "", LOG_LEVEL: "debug" });
    expect(env.PORT).toBe(8080);
    expect(env.WORKER_CONCURRENCY).toBe(32);
    expect(env.LOG_LEVEL).toBe("debug");
  });

  it("keeps private SAP endpoints off unless opted in, and refuses a value that is not a yes or a no", () => {
    expect(loadEnv({}).SAP_KMS_ALLOW_PRIVATE_ENDPOINTS).toBe(false);
    expect(loadEnv({ SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true" }).SAP_KMS_ALLOW_PRIVATE_ENDPOINTS).toBe(true);
    expect(loadEnv({ SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "0" }).SAP_KMS_ALLOW_PRIVATE_ENDPOINTS).toBe(false);
    expect(() => loadEnv({ SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "maybe" })).toThrowError(/SAP_KMS_ALLOW_PRIVATE_ENDPOINTS/);
  });

  it("gives AWS and OCI clients their own timeout and private-endpoint opt-in, apart from SAP's", () => {
    const env = loadEnv({ SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true", OCI_KMS_TIMEOUT_MS: "2500" });
    expect(env).toMatchObject({
      AWS_KMS_TIMEOUT_MS: 10_000,
      AWS_KMS_ALLOW_PRIVATE_ENDPOINTS: false,
      OCI_KMS_TIMEOUT_MS: 2500,
      OCI_KMS_ALLOW_PRIVATE_ENDPOINTS: false,
    });
    expect(loadEnv({ AWS_KMS_ALLOW_PRIVATE_ENDPOINTS: "1" }).AWS_KMS_ALLOW_PRIVATE_ENDPOINTS).toBe(true);
    expect(() => loadEnv({ OCI_KMS_ALLOW_PRIVATE_ENDPOINTS: "maybe" })).toThrowError(/OCI_KMS_ALLOW_PRIVATE_ENDPOINTS/);
    expect(() => loadEnv({ AWS_KMS_TIMEOUT_MS: "5" })).toThrowError(/AWS_KMS_TIMEOUT_MS/);
  });

  it("takes a TLS certificate and key together or not at all", () => {
    expect(loadEnv({}).TLS_CERT_FILE).toBeUndefined();
    expect(loadEnv({ TLS_CERT_FILE: "c.pem", TLS_KEY_FILE: "k.pem" })).toMatchObject({ TLS_PORT: 3443 });
    expect(() => loadEnv({ TLS_CERT_FILE: "c.pem" })).toThrowError(/TLS_CERT_FILE, TLS_KEY_FILE: give both/);
    expect(() => loadEnv({ TLS_KEY_FILE: "k.pem" })).toThrowError(/give both/);
  });

  it("lists every problem at once", () => {
    let caught: unknown;
    try {
      loadEnv({ PORT: "http", DATABASE_URL: "mysql://x", BACKUP_KEK: "short", REDIS_PREFIX: "cckm" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["BACKUP_KEK", "DATABASE_URL", "PORT", "REDIS_PREFIX"]);
    expect((caught as ConfigError).message).toContain("BACKUP_KEK: must be 32 bytes");
  });

  it("refuses dev default secrets in production, naming each", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrowError(/JWT_SECRET[\s\S]*BACKUP_KEK[\s\S]*ADMIN_PASSWORD/);
    expect(() => loadEnv({ NODE_ENV: "production", ...realSecrets, ADMIN_PASSWORD: "admin" })).toThrowError(
      /ADMIN_PASSWORD/,
    );
  });

  it("accepts production with real secrets", () => {
    const env = loadEnv({ NODE_ENV: "production", ...realSecrets });
    expect(env.NODE_ENV).toBe("production");
    expect(Buffer.from(env.BACKUP_KEK, "base64")).toHaveLength(32);
  });
});
