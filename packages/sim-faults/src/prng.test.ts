import { describe, expect, it } from "vitest";
import { mulberry32, ruleSeed } from "./prng.ts";

describe("prng", () => {
  it("mulberry32 repeats for a seed", () => {
    const [a, b] = [mulberry32(7), mulberry32(7)];
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 5 }, mulberry32(8))).not.toEqual(first);
  });

  it("gives each rule of a run its own seed", () => {
    expect(ruleSeed(1, 0)).toBe(ruleSeed(1, 0));
    expect(new Set([ruleSeed(1, 0), ruleSeed(1, 1), ruleSeed(2, 0)]).size).toBe(3);
  });
});
