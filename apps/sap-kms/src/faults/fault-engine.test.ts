import { describe, expect, it } from "vitest";
import { FaultEngine } from "./fault-engine.ts";
import { mulberry32 } from "./prng.ts";

const kinds = (engine: FaultEngine, n: number, route: "keys.get" | "keys.list" = "keys.get", keyId?: string) =>
  Array.from({ length: n }, () => engine.decide(route, keyId).outcome.kind);

describe("fault engine", () => {
  it("mulberry32 repeats for a seed", () => {
    const [a, b] = [mulberry32(7), mulberry32(7)];
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 5 }, mulberry32(8))).not.toEqual(first);
  });

  it("makes the same choices for the same seed, and roughly the asked share", () => {
    const make = (seed: number) => {
      const engine = new FaultEngine(seed);
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

  it("applies a rule to its route and key only, at most `times` times", () => {
    const engine = new FaultEngine(1);
    engine.replace([{ route: "keys.get", keyId: "k1", status: 500, times: 2 }]);
    expect(kinds(engine, 1, "keys.list", "k1")).toEqual(["none"]);
    expect(kinds(engine, 1, "keys.get", "k2")).toEqual(["none"]);
    expect(kinds(engine, 3, "keys.get", "k1")).toEqual(["error", "error", "none"]);
    expect(engine.list()[0]).toMatchObject({ id: "f1", used: 2 });
  });

  it("rate-limits per window with a fake clock", () => {
    let now = 0;
    const engine = new FaultEngine(1, () => now);
    engine.replace([{ route: "*", rateLimit: 2, windowMs: 1000, retryAfterSeconds: 4 }]);
    expect(kinds(engine, 3)).toEqual(["none", "none", "rateLimited"]);
    expect(engine.decide("keys.get", undefined).outcome).toEqual({ kind: "rateLimited", retryAfterSeconds: 4 });
    now = 1000;
    expect(kinds(engine, 3)).toEqual(["none", "none", "rateLimited"]);
  });

  it("adds latencies of every matching rule; the first outcome wins", () => {
    const engine = new FaultEngine(1);
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
