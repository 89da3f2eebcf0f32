import { describe, expect, it } from "vitest";
import { compareToDocumented, compareToExample } from "../support/example-compare.ts";
import { deliberateDeviations, documentedExamples, sapGroup, sapKey, sapSyncJob } from "./documented-examples.ts";

// Pure: the comparison of answers against documented examples, on hand-made answers. No server.

const clone = <T>(value: T): T => structuredClone(value);

/** An answer of ours for D-KEY-GET, in the shape keys/key-resource.ts draws (values made up). */
const keyAnswer = () => ({
  id: "0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f",
  uri: "kylo:kylo:cckm:sap-key:my-key-0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f",
  account: "kylo:kylo:admin:accounts:kylo",
  createdAt: "2026-01-02T03:04:05.678Z",
  updatedAt: "2026-01-02T03:04:05.678Z",
  name: "my key",
  cloud_name: "sap",
  tenant: "demo",
  origin: "native",
  creator_id: null,
  sap_param: {
    description: "",
    enabled: true,
    exportable: false,
    groupId: "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b",
    sap_key_id: "a1b2c3d4-e5f6-4708-9a0b-1c2d3e4f5a6b",
    keystoreContext: { customerHeld: true, region: "eu" },
    meta: { created: "2026-01-02T03:04:05Z", primaryVersion: 0, totalVersions: 1 },
  },
});

describe("compareToExample", () => {
  it("passes an answer that has every documented field, as documented, and fields of its own", () => {
    expect(compareToDocumented(sapKey.get, keyAnswer())).toEqual([]);
  });

  it("reports a missing field", () => {
    const answer = clone(keyAnswer()) as Record<string, any>;
    delete answer.tenant;
    delete answer.sap_param.groupId;
    expect(compareToDocumented(sapKey.get, answer)).toEqual([
      'tenant: missing (documented string "thales-preprod")',
      'sap_param.groupId: missing (documented string "489ac34d-3e9c-4be3-8c1c-2c383bf31461")',
    ]);
  });

  it("reports a wrong type, at any depth", () => {
    const answer = clone(keyAnswer()) as Record<string, any>;
    answer.sap_param.enabled = "true";
    answer.sap_param.keystoreContext = [];
    expect(compareToDocumented(sapKey.get, answer)).toEqual([
      'sap_param.enabled: documented boolean true, answered string "true"',
      'sap_param.keystoreContext: documented object {"customerHeld":false}, answered array []',
    ]);
  });

  it("reports a constant that differs", () => {
    const answer = { ...keyAnswer(), cloud_name: "sap-dc" };
    expect(compareToDocumented(sapKey.get, answer)).toEqual([
      'cloud_name: documented "sap", answered "sap-dc" (must be equal)',
    ]);
  });

  it("reports a uri of the wrong form", () => {
    for (const uri of [
      "kylo:kylo:cckm:sap_key:my-key-0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f", // old kind
      "kylo:kylo:cckm:sap-key:0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f", // no slug (get example has one)
      "kylo:kylo:cckm:sap-key:My-Key-0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f", // slug not lower case
    ]) {
      const [mismatch, ...rest] = compareToDocumented(sapKey.get, { ...keyAnswer(), uri });
      expect(mismatch).toMatch(/^uri: answered .* which does not match/);
      expect(rest).toEqual([]);
    }
  });

  it("lets fields that come from SAP be absent or null, but not of another type", () => {
    const answer = clone(keyAnswer()) as Record<string, any>;
    delete answer.sap_param.keystoreContext.customerHeld;
    answer.sap_param.meta.created = null;
    expect(compareToDocumented(sapKey.get, answer)).toEqual([]);
    answer.sap_param.meta.created = 1767323045;
    expect(compareToDocumented(sapKey.get, answer)).toEqual([
      'sap_param.meta.created: documented string "2021", answered number 1767323045',
    ]);
  });

  it("skips the deliberate deviations, and only those", () => {
    const group = {
      ...clone(sapGroup.body),
      id: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
      uri: "kylo:kylo:cckm:sap-group:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
      name: "demo-finance",
      sap_application: null,
    } as Record<string, unknown>;
    delete group.Name;
    expect(compareToDocumented(sapGroup, group)).toEqual([]);
    expect(compareToExample(sapGroup.body, group, { ...sapGroup, skip: [] })).toEqual([
      'Name: missing (documented string "TestCCKM")',
    ]);
    expect(deliberateDeviations.map((d) => `${d.example} ${d.path}`)).toEqual([
      "sapKeyVersion.get uri",
      "sapKeyVersion.get cloud_name",
      "sapGroup Name",
    ]);
  });

  it("compares arrays by their first element, and lists as the docs print them", () => {
    const list = {
      skip: 0,
      limit: 10,
      total: 2,
      resources: [{ id: "x", uri: "kylo:kylo:cckm:synchronize:x" }, { id: 7 }],
    };
    expect(compareToDocumented(sapSyncJob.list, list)).toEqual([]);
    expect(compareToDocumented(sapSyncJob.list, { ...list, resources: [] })).toEqual([]);
    expect(compareToDocumented(sapSyncJob.list, { ...list, resources: [{ id: 7 }] })).toEqual([
      'resources[0].id: documented string "bf27cde1-e2ed-4244-9d5a-8a4e12ad1837", answered number 7',
      'resources[0].uri: missing (documented string "kylo:kylo:cckm:s")',
    ]);
  });

  it("accepts any type where the example shows null, and reports marks naming no documented field", () => {
    expect(compareToExample({ a: null, b: 1 }, { a: { any: "thing" }, b: 2 })).toEqual([]);
    expect(compareToExample({ a: null }, {})).toEqual(["a: missing (documented null)"]);
    expect(compareToExample({ a: "x" }, { a: "x" }, { exact: ["b"], truncated: ["a"], patterns: { a: /x/ } })).toEqual([
      "marks: exact names b, which the example does not have",
      "marks: a is truncated in the docs and cannot have a pattern",
    ]);
  });
});

describe("the documented examples", () => {
  it.each(Object.entries(documentedExamples))("%s passes against itself, but for its deviations", (_, doc) => {
    // Proves every mark names a documented field and every pattern matches the documented value.
    const deviations = new Set(doc.deviations.map((d) => d.path));
    const withoutSkips = compareToExample(doc.body, doc.body, { ...doc, skip: [] });
    expect(compareToDocumented(doc, doc.body)).toEqual([]);
    expect(withoutSkips.every((m) => deviations.has(m.split(":")[0] as string))).toBe(true);
    for (const path of doc.truncated) expect(doc.cut, `${path} is truncated, so the example is cut`).not.toBeNull();
  });
});
