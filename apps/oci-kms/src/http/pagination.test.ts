import { describe, expect, it } from "vitest";
import { paginate } from "./pagination.ts";

const items = ["b", "a", "c", "e", "d"].map((name, n) => ({
  id: `id-${name}`,
  displayName: name,
  timeCreated: new Date(Date.UTC(2026, 0, n + 1)).toISOString(),
}));

describe("pagination", () => {
  it("pages newest first by default and hands out a next-page token until the end", () => {
    const first = paginate(items, { limit: 2 });
    expect(first.items.map((i) => i.displayName)).toEqual(["d", "e"]);
    const second = paginate(items, { limit: 2, page: first.headers["opc-next-page"] });
    expect(second.items.map((i) => i.displayName)).toEqual(["c", "a"]);
    const third = paginate(items, { limit: 2, page: second.headers["opc-next-page"] });
    expect(third.items.map((i) => i.displayName)).toEqual(["b"]);
    expect(third.headers).toEqual({});
  });

  it("sorts by display name A to Z, or as asked", () => {
    expect(
      paginate(items, { sortBy: "DISPLAYNAME" })
        .items.map((i) => i.displayName)
        .join(""),
    ).toBe("abcde");
    expect(
      paginate(items, { sortBy: "DISPLAYNAME", sortOrder: "DESC" })
        .items.map((i) => i.displayName)
        .join(""),
    ).toBe("edcba");
  });

  it("refuses a page token it did not make", () => {
    expect(() => paginate(items, { page: "garbage" })).toThrowError(
      expect.objectContaining({ code: "InvalidParameter" }),
    );
  });
});
