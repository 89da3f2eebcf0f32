import { describe, expect, it } from "vitest";
import { KmsError } from "../http/errors.ts";
import { matchesFilter, parseFilter } from "./filter.ts";

const FIELDS = ["id", "name", "enabled", "size"];
const GUID = "6CCA95EA-F2A9-4F4E-BEBE-48166BD0E9C0";

function failure(text: string): KmsError {
  try {
    parseFilter(text, FIELDS);
  } catch (error) {
    return error as KmsError;
  }
  throw new Error(`"${text}" parsed`);
}

describe("$filter", () => {
  it("parses comparisons joined by and, with every kind of value", () => {
    expect(parseFilter(`name eq 'it''s' and enabled ne false and size eq 256 and id eq ${GUID}`, FIELDS)).toEqual([
      { field: "name", op: "eq", value: "it's" },
      { field: "enabled", op: "ne", value: false },
      { field: "size", op: "eq", value: 256 },
      { field: "id", op: "eq", value: GUID.toLowerCase() },
    ]);
    expect(parseFilter("name eq 'two  words and more'", FIELDS)).toEqual([
      { field: "name", op: "eq", value: "two  words and more" },
    ]);
  });

  it("matches resources, GUIDs case-blind", () => {
    const filter = parseFilter(`id eq '${GUID}' and enabled eq true`, FIELDS);
    expect(matchesFilter({ id: GUID.toLowerCase(), enabled: true }, filter)).toBe(true);
    expect(matchesFilter({ id: GUID.toLowerCase(), enabled: false }, filter)).toBe(false);
    expect(matchesFilter({ name: "a" }, parseFilter("name ne 'b'", FIELDS))).toBe(true);
  });

  it.each([
    ["", /empty/],
    ["name", /expected eq or ne/],
    ["name eq", /value is missing/],
    ["name eq 'open", /unterminated/],
    ["name gt 'a'", /expected eq or ne/],
    ["secret eq 'a'", /unknown field "secret"/],
    ["name eq bare", /is not a value/],
    ["name eq 'a' or id eq 'b'", /expected "and"/],
    ["name eq 'a' and", /nothing after "and"/],
    ["'name' eq 'a'", /expected a field name/],
  ])("refuses %j with INVALID_FILTER", (text, message) => {
    const error = failure(text);
    expect(error).toBeInstanceOf(KmsError);
    expect(error.code).toBe("INVALID_FILTER");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });
});
