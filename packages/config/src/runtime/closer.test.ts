import { describe, expect, it } from "vitest";
import { buildOrClose, closeInOrder, createCloser } from "./closer.ts";

describe("closeInOrder", () => {
  it("runs every step in order, even after a failure, and names each failure", async () => {
    const ran: string[] = [];
    const steps = ["a", "b", "c", "d"].map((name) => ({
      name,
      close: async () => {
        ran.push(name);
        if (name === "b" || name === "d") throw new Error(`${name} broke`);
      },
    }));
    const error = await closeInOrder(steps).catch((e: unknown) => e);
    expect(ran).toEqual(["a", "b", "c", "d"]);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(["b broke", "d broke"]);
    expect((error as Error).message).toBe("closing failed (b: b broke; d: d broke)");
  });

  it("resolves when every step closed", async () => {
    await expect(closeInOrder([{ name: "a", close: () => {} }])).resolves.toBeUndefined();
  });
});

describe("createCloser", () => {
  it("closes the last built first, once", async () => {
    const ran: string[] = [];
    const closer = createCloser();
    for (const name of ["pool", "redis", "server"]) closer.add(name, () => void ran.push(name));
    expect(closer.steps).toEqual(["server", "redis", "pool"]);
    await Promise.all([closer.close(), closer.close()]);
    expect(ran).toEqual(["server", "redis", "pool"]);
    expect(() => closer.add("late", () => {})).toThrowError(/already closing/);
  });

  it("closes what a failed build had made, and rethrows the build's error", async () => {
    const ran: string[] = [];
    const closer = createCloser();
    const error = await buildOrClose(closer, async (c) => {
      c.add("pool", () => void ran.push("pool"));
      c.add("redis", () => {
        ran.push("redis");
        throw new Error("redis would not close");
      });
      throw new Error("migrations missing");
    }).catch((e: unknown) => e as Error);
    expect(error.message).toBe("migrations missing");
    expect(ran).toEqual(["redis", "pool"]);
    expect((error.cause as AggregateError).errors[0].message).toBe("redis would not close");
  });
});
