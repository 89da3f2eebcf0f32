import { describe, expect, it } from "vitest";
import { parseFaultSpec } from "./fault-rule.ts";

describe("fault specs", () => {
  it("reads the compact form", () => {
    expect(
      parseFaultSpec(
        "keys.delete:status=503,times=1,after; *:latencyMs=50 ;keys.get:rateLimit=2,windowMs=60000,retryAfterSeconds=3,keyId=123",
      ),
    ).toEqual([
      { route: "keys.delete", status: 503, times: 1, after: true },
      { route: "*", latencyMs: 50 },
      { route: "keys.get", rateLimit: 2, windowMs: 60000, retryAfterSeconds: 3, keyId: "123" },
    ]);
    expect(parseFaultSpec("crypto.unwrap:hangRate=0.25,seed=5")).toEqual([
      { route: "crypto.unwrap", hangRate: 0.25, seed: 5 },
    ]);
    expect(parseFaultSpec("  ")).toEqual([]);
  });

  it("reads JSON, one rule or many", () => {
    expect(parseFaultSpec('{"route":"groups.list","errorRate":0.1}')).toEqual([
      { route: "groups.list", errorRate: 0.1 },
    ]);
    expect(parseFaultSpec('[{"route":"*","latencyMs":1},{"route":"keys.list","status":500}]')).toHaveLength(2);
  });

  it.each([
    ["keys.nope:status=500", /route/],
    ["keys.get", /at least one of/],
    ["keys.get:errorRate=1.5", /errorRate/],
    ["keys.get:status=302", /status/],
    ["keys.get:status=500,colour=red", /colour|unrecognized/i],
    ['[{"route":"keys.get"}]', /at least one of/],
  ])("refuses %j", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrowError(message);
  });
});
