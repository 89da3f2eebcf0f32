import { describe, expect, it } from "vitest";
import { cliSettings } from "./cli-options.ts";
import { loadOciEnv } from "./env.ts";

describe("settings", () => {
  it("read the environment, overridden by flags; faults add up", () => {
    const env = { ...loadOciEnv({ OCI_KMS_FAULTS: "keys.get:status=503", OCI_KMS_PORT: "" }), HOST: "127.0.0.1" };
    expect(env.OCI_KMS_PORT).toBe(4060);
    const settings = cliSettings(env, ["--port", "0", "--transition-delay", "0", "--fault", "*:latencyMs=5"]);
    expect(settings).toMatchObject({ host: "127.0.0.1", port: 0, transitionDelayMs: 0, wrappingKeyBits: 4096 });
    expect(settings.faults).toEqual([
      { route: "keys.get", status: 503 },
      { route: "*", latencyMs: 5 },
    ]);
  });

  it("refuse what they cannot use", () => {
    expect(() => loadOciEnv({ OCI_KMS_WRAPPING_KEY_BITS: "1024" })).toThrowError(/OCI_KMS_WRAPPING_KEY_BITS/);
    expect(() => loadOciEnv({ OCI_KMS_ADMIN_TOKEN: "short" })).toThrowError(/OCI_KMS_ADMIN_TOKEN/);
    const env = { ...loadOciEnv({}), HOST: "127.0.0.1" };
    expect(() => cliSettings(env, ["--port", "x"])).toThrowError(/--port/);
    expect(() => cliSettings(env, ["--colour"])).toThrowError();
  });
});
