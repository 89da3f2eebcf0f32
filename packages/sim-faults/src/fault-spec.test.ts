import { describe, expect, it } from "vitest";
import { parseFaultSpec } from "./fault-spec.ts";
import { TEST_FORMAT, testRuleSchema } from "./test-format.ts";

const parse = (spec: string) => parseFaultSpec(TEST_FORMAT, testRuleSchema, spec);

describe("fault specs", () => {
  it("reads the compact form", () => {
    expect(
      parse("keys.delete:status=503,times=1,after; *:latencyMs=50 ;keys.get:rateLimit=2,windowMs=60000,resourceId=123"),
    ).toEqual([
      { route: "keys.delete", status: 503, times: 1, after: true },
      { route: "*", latencyMs: 50 },
      { route: "keys.get", rateLimit: 2, windowMs: 60000, resourceId: "123" },
    ]);
    expect(parse("keys.list:hangRate=0.25,seed=5,after=false")).toEqual([
      { route: "keys.list", hangRate: 0.25, seed: 5, after: false },
    ]);
    expect(parse("keys.get:status=400,errorType=E2")).toEqual([{ route: "keys.get", status: 400, errorType: "E2" }]);
    expect(parse("  ")).toEqual([]);
  });

  it("puts the route under the format's route field", () => {
    const format = { ...TEST_FORMAT, routeField: "operation" };
    expect(() => parseFaultSpec(format, testRuleSchema, "keys.get:status=500")).toThrowError(/operation|unrecognized/i);
  });

  it("reads JSON, one rule or many", () => {
    expect(parse('{"route":"keys.list","errorRate":0.1}')).toEqual([{ route: "keys.list", errorRate: 0.1 }]);
    expect(parse('[{"route":"*","latencyMs":1},{"route":"keys.list","status":500}]')).toHaveLength(2);
  });

  it.each([
    ["keys.nope:status=500", /route/],
    ["keys.get", /at least one of/],
    ["keys.get:errorRate=1.5", /errorRate/],
    ["keys.get:status=500,colour=red", /colour|unrecognized/i],
    ['[{"route":"keys.get"}]', /at least one of/],
  ])("refuses %j", (spec, message) => {
    expect(() => parse(spec)).toThrowError(message);
  });

  it("names the part it refuses", () => {
    expect(() => parse("*:latencyMs=1;keys.get:status=302")).toThrowError(/^fault "keys.get:status=302": status/);
  });
});
