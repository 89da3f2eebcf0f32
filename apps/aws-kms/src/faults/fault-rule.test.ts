import { describe, expect, it } from "vitest";
import { FaultEngine } from "./fault-engine.ts";
import { parseFaultSpec } from "./fault-rule.ts";

describe("fault specs", () => {
  it("reads the compact form and JSON", () => {
    expect(
      parseFaultSpec(
        "ScheduleKeyDeletion:status=503,times=1,after; *:latencyMs=50 ;DescribeKey:throttleRate=0.5,keyId=1234,seed=3",
      ),
    ).toEqual([
      { operation: "ScheduleKeyDeletion", status: 503, times: 1, after: true },
      { operation: "*", latencyMs: 50 },
      { operation: "DescribeKey", throttleRate: 0.5, keyId: "1234", seed: 3 },
    ]);
    expect(parseFaultSpec("EnableKey:status=400,errorType=DisabledException")).toEqual([
      { operation: "EnableKey", status: 400, errorType: "DisabledException" },
    ]);
    expect(parseFaultSpec('[{"operation":"ListKeys","errorRate":0.1}]')).toEqual([
      { operation: "ListKeys", errorRate: 0.1 },
    ]);
    expect(parseFaultSpec("  ")).toEqual([]);
  });

  it.each([
    ["Encrypt:status=500", /operation/],
    ["ListKeys", /at least one of/],
    ["ListKeys:throttleRate=2", /throttleRate/],
    ["ListKeys:status=302", /status/],
    ["ListKeys:status=500,colour=red", /colour|unrecognized/i],
  ])("refuses %j", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrowError(message);
  });

  it("makes the same choices for the same seed; errors default to KMSInternalException", () => {
    const run = (seed: number) => {
      const engine = new FaultEngine(seed);
      engine.replace([{ operation: "ListKeys", errorRate: 0.3 }]);
      return Array.from({ length: 200 }, () => engine.decide("ListKeys", undefined).outcome.kind);
    };
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
    const engine = new FaultEngine(1);
    engine.replace([{ operation: "*", status: 503 }]);
    expect(engine.decide("EnableKey", "k").outcome).toEqual({
      kind: "error",
      status: 503,
      errorType: "KMSInternalException",
      after: false,
    });
  });
});
