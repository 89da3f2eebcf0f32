import { describe, expect, it } from "vitest";
import { FaultEngine } from "./fault-engine.ts";
import { TEST_FORMAT, type TestRule } from "./test-format.ts";

type Route = (typeof TEST_FORMAT.routes)[number];

const engineOf = (seed: number, now?: () => number) => new FaultEngine<TestRule, Route>(TEST_FORMAT, seed, now);

const kinds = (engine: FaultEngine<TestRule, Route>, n: number, route: Route = "keys.get", target?: string) =>
  Array.from({ length: n }, () => engine.decide(route, target).outcome.kind);

describe("fault engine", () => {
  it("makes the same choices for the same seed, and roughly the asked share", () => {
    const make = (seed: number) => {
      const engine = engineOf(seed);
      engine.replace([{ route: "keys.get", errorRate: 0.3 }]);
      return kinds(engine, 1000);
    };
    const run = make(1);
    expect(make(1)).toEqual(run);
    expect(make(2)).not.toEqual(run);
    const errors = run.filter((k) => k === "error").length;
    expect(errors).toBeGreaterThan(200);
    expect(errors).toBeLessThan(400);
  });

  it("applies a rule to its route and target only, at most `times` times", () => {
    const engine = engineOf(1);
    engine.replace([{ route: "keys.get", resourceId: "k1", status: 500, times: 2 }]);
    expect(kinds(engine, 1, "keys.list", "k1")).toEqual(["none"]);
    expect(kinds(engine, 1, "keys.get", "k2")).toEqual(["none"]);
    expect(kinds(engine, 3, "keys.get", "k1")).toEqual(["error", "error", "none"]);
    expect(engine.list()[0]).toMatchObject({ id: "f1", used: 2 });
  });

  it("reads the route and target from the fields its format names", () => {
    const format = { routeField: "operation", targetField: "keyId", defaultStatus: 500 };
    const engine = new FaultEngine<{ operation: string; keyId?: string; errorRate?: number; status?: number }, "Get">(
      format,
      1,
    );
    engine.replace([
      { operation: "Get", keyId: "k1", errorRate: 1 },
      { operation: "*", status: 400 },
    ]);
    expect(engine.decide("Get", "k2").outcome).toEqual({ kind: "error", status: 400, after: false });
    expect(engine.decide("Get", "k1").outcome).toEqual({ kind: "error", status: 500, after: false });
  });

  it("rate-limits per window with a fake clock", () => {
    let now = 0;
    const engine = engineOf(1, () => now);
    engine.replace([{ route: "*", rateLimit: 2, windowMs: 1000, retryAfterSeconds: 4 }]);
    expect(kinds(engine, 3)).toEqual(["none", "none", "rateLimited"]);
    expect(engine.decide("keys.get", undefined).outcome).toEqual({ kind: "rateLimited", retryAfterSeconds: 4 });
    now = 1000;
    expect(kinds(engine, 3)).toEqual(["none", "none", "rateLimited"]);
  });

  it("throttles a share of requests, and errors carry the rule's errorType", () => {
    const engine = engineOf(1);
    engine.replace([{ route: "keys.list", throttleRate: 1 }]);
    expect(engine.decide("keys.list", undefined).outcome).toEqual({ kind: "rateLimited", retryAfterSeconds: 1 });
    engine.replace([{ route: "*", status: 400, errorType: "DisabledException" }]);
    expect(engine.decide("keys.list", undefined).outcome).toEqual({
      kind: "error",
      status: 400,
      after: false,
      errorType: "DisabledException",
    });
  });

  it("adds latencies of every matching rule; the first outcome wins", () => {
    const engine = engineOf(1);
    engine.replace([
      { route: "*", latencyMs: 10 },
      { route: "keys.get", latencyMs: 5, hangRate: 1, after: true },
      { route: "keys.get", status: 500 },
    ]);
    expect(engine.decide("keys.get", undefined)).toEqual({
      latencyMs: 15,
      outcome: { kind: "hang", after: true },
      applied: ["f1", "f2"],
    });
    expect(engine.remove("f2")).toBe(true);
    expect(engine.decide("keys.get", undefined).outcome).toEqual({ kind: "error", status: 500, after: false });
    expect(engine.remove("f2")).toBe(false);
  });
});
