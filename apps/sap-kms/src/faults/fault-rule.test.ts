import { describe, expect, it } from "vitest";
import { parseFaultSpec } from "./fault-rule.ts";

describe("SAP fault specs", () => {
  it("reads SAP's routes and `keyId` (as text)", () => {
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
    expect(parseFaultSpec('{"route":"groups.list","errorRate":0.1}')).toEqual([
      { route: "groups.list", errorRate: 0.1 },
    ]);
  });

  it.each([
    ["keys.nope:status=500", /route/],
    ["keys.get", /at least one of errorRate, status, latencyMs, hangRate, rateLimit$/],
    ["keys.get:throttleRate=1", /throttleRate|unrecognized/i],
    ["keys.get:status=400,errorType=Nope", /errorType|unrecognized/i],
    ["keys.get:status=500,resourceId=k1", /resourceId|unrecognized/i],
    ['[{"route":"keys.get","keyId":""}]', /keyId/],
  ])("refuses %j", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrowError(message);
  });
});
