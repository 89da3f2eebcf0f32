import { describe, expect, it } from "vitest";
import { faultRuleSchema, parseFaultRule } from "./fault-rule.ts";
import { testRuleSchema } from "./test-format.ts";

describe("fault rule schema", () => {
  it("takes a route, a target and the format's effects", () => {
    expect(parseFaultRule(testRuleSchema, { route: "*", resourceId: "k1", throttleRate: 0.5, after: true })).toEqual({
      route: "*",
      resourceId: "k1",
      throttleRate: 0.5,
      after: true,
    });
  });

  it("lists the fields in the format's order", () => {
    const rule = parseFaultRule(testRuleSchema, { seed: 1, status: 500, resourceId: "k", route: "keys.get" });
    expect(Object.keys(rule)).toEqual(["route", "resourceId", "status", "seed"]);
  });

  it.each([
    [{ route: "keys.nope", status: 500 }, /route/],
    [{ route: "keys.get" }, /at least one of errorRate, status, throttleRate, latencyMs, hangRate, rateLimit/],
    [{ route: "keys.get", errorRate: 1.5 }, /errorRate/],
    [{ route: "keys.get", status: 302 }, /status/],
    [{ route: "keys.get", status: 500, colour: "red" }, /colour|unrecognized/i],
    [{ route: "keys.get", status: 500, resourceId: "a-very-long-id" }, /resourceId/],
    [{ route: "keys.get", status: 500, errorType: "not a type" }, /errorType/],
  ])("refuses %j", (rule, message) => {
    expect(() => parseFaultRule(testRuleSchema, rule)).toThrowError(message);
  });

  it("refuses effects the format does not take, and names only those it does", () => {
    const schema = faultRuleSchema({
      routeField: "operation",
      routes: ["Get"],
      targetField: "keyId",
      targetMaxLength: 5,
      effects: ["status", "latencyMs", "times"],
      defaultStatus: 500,
    });
    expect(parseFaultRule(schema, { operation: "Get", keyId: "k", status: 500 })).toEqual({
      operation: "Get",
      keyId: "k",
      status: 500,
    });
    expect(() => parseFaultRule(schema, { route: "Get", status: 500 })).toThrowError(/operation/);
    expect(() => parseFaultRule(schema, { operation: "Get", hangRate: 1 })).toThrowError(/hangRate|unrecognized/i);
    expect(() => parseFaultRule(schema, { operation: "Get", times: 1 })).toThrowError(
      "rule: a fault rule needs at least one of status, latencyMs",
    );
  });
});
