import { describe, expect, it } from "vitest";
import { orderByOf } from "./page.ts";

describe("orderByOf", () => {
  it("orders by the fallback, then by id in its direction", () => {
    expect(orderByOf(undefined, "-createdAt")).toEqual([{ createdAt: "desc" }, { id: "desc" }]);
    expect(orderByOf([], "name")).toEqual([{ name: "asc" }, { id: "asc" }]);
  });

  it("orders by the sort asked for, renaming fields whose column is named otherwise", () => {
    const sort = [
      { field: "name", direction: "asc" },
      { field: "last_connection_at", direction: "desc" },
    ] as const;
    expect(orderByOf(sort, "-createdAt", { last_connection_at: "lastTestedAt" })).toEqual([
      { name: "asc" },
      { lastTestedAt: "desc" },
      { id: "desc" },
    ]);
  });
});
