import { describe, expect, it } from "vitest";
import { FaultEngine } from "./fault-engine.ts";
import { parseFaultSpec } from "./fault-rule.ts";

describe("OCI fault specs", () => {
  it("reads the compact form and JSON", () => {
    expect(
      parseFaultSpec("keys.enable:status=503,times=1,after; *:latencyMs=50;keys.get:resourceId=ocid1.key.x,status=500"),
    ).toEqual([
      { route: "keys.enable", status: 503, times: 1, after: true },
      { route: "*", latencyMs: 50 },
      { route: "keys.get", resourceId: "ocid1.key.x", status: 500 },
    ]);
    expect(parseFaultSpec('[{"route":"vaults.list","rateLimit":2,"windowMs":1000}]')).toHaveLength(1);
    expect(parseFaultSpec("  ")).toEqual([]);
  });

  it.each([
    ["keys.nope:status=500", /route/],
    ["keys.get", /at least one of errorRate, status, latencyMs, hangRate, rateLimit$/],
    ["keys.get:status=500,keyId=k1", /keyId|unrecognized/i],
    ["keys.get:throttleRate=1", /throttleRate|unrecognized/i],
  ])("refuses %j", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrowError(message);
  });

  it("applies a rule to its route and resource only, at most `times` times", () => {
    const engine = new FaultEngine(1);
    engine.replace([{ route: "keys.get", resourceId: "k1", status: 500, times: 2 }]);
    const kind = (route: "keys.get" | "keys.list", id: string) => engine.decide(route, id).outcome.kind;
    expect(kind("keys.list", "k1")).toBe("none");
    expect(kind("keys.get", "k2")).toBe("none");
    expect([kind("keys.get", "k1"), kind("keys.get", "k1"), kind("keys.get", "k1")]).toEqual([
      "error",
      "error",
      "none",
    ]);
  });
});
