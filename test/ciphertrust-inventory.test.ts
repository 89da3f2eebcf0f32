import { IMPORT_KEY_NAME } from "@cckm/sap-kms-client";
import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

const SERVICE = "/connectionmgmt/services/sap-dc";
const SYNC = "/cckm/sap/synchronization-jobs";
const KEYS = "/cckm/sap/keys";

/**
 * The documented request shapes of the SAP inventory (docs/cckm-compatibility.md §1.1, §1.3) against
 * real processes and the simulator: connection-test, a bodyless sync, groups only by CipherTrust id
 * or SAP id, key creation by group name with CipherTrust's curve names and a role; and the resources
 * drawn as CipherTrust draws them.
 */
describe("the SAP inventory in CipherTrust's vocabulary", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.stop();
    expect(liveProcesses()).toBe(0);
  });

  const finished = async (created: { status: number; body: any }) => {
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return (
      await waitFor(
        () => stack.call("GET", `${SYNC}/${created.body.id}`),
        (r) => r.body.overall_status !== "in_progress",
      )
    ).body;
  };

  it("tests parameters with connection-test, then creates the connection with technical_user_credentials", async () => {
    const params = {
      name: null,
      products: ["cckm"],
      api_endpoint: stack.sap.url,
      technical_user_credentials: stack.sapCredentials,
      user_credentials: { user: null, secret: null, tenant: null },
    };
    expect(await stack.call("POST", `${SERVICE}/connection-test`, params)).toEqual({
      status: 200,
      body: { connection_ok: true, message: expect.any(String) },
    });
    const wrong = await stack.call("POST", `${SERVICE}/connection-test`, {
      ...params,
      technical_user_credentials: { api_key: stack.sapCredentials.api_key, secret: "not-it" },
    });
    expect(wrong.body).toMatchObject({ connection_ok: false, message: expect.stringMatching(/^UNAUTHORIZED/) });
    expect((await stack.call("GET", `${SERVICE}/connections`)).body.total).toBe(0);
    const created = await stack.call("POST", `${SERVICE}/connections`, { ...params, name: "SAP Demo" });
    expect(created.status).toBe(201);
    expect(created.body.uri).toBe(`kylo:kylo:connectionmgmt:connections:sap-demo-${created.body.id}`);
  });

  it("a bodyless POST synchronizes every group (the docs' example); the job is drawn as CipherTrust's", async () => {
    const sync = await finished(await stack.call("POST", SYNC));
    const groups = await stack.sap.client().listAllGroups();
    expect(sync).toMatchObject({
      uri: `kylo:kylo:cckm:synchronize:${sync.id}`,
      application: "ncryptify:gemalto:admin:apps:kylo",
      devAccount: "ncryptify:gemalto:admin:accounts:gemalto",
      overall_status: "completed",
      synchronize_all: true,
      detailed_status: Object.fromEntries(groups.map((g) => [g.name, "completed"])),
    });
  });

  it("draws groups and keys with CipherTrust's fields", async () => {
    const sap = stack.sap.client();
    const [sapGroup] = await sap.listAllGroups();
    const group = (await stack.call("GET", `/cckm/sap/groups?group_id=${sapGroup?.id}`)).body.resources[0];
    expect(group).toMatchObject({
      uri: `kylo:kylo:cckm:sap-group:${group.id}`,
      cloud_name: "sap",
      tenant: "SAP Demo",
      keystore_id: sapGroup?.keystoreId,
      group_id: sapGroup?.id,
    });
    const sapKey = (await sap.listAllKeys()).find((k) => k.name !== IMPORT_KEY_NAME);
    const key = (await stack.call("GET", `${KEYS}?name=${sapKey?.name}`)).body.resources[0];
    expect(key).toMatchObject({
      uri: `kylo:kylo:cckm:sap-key:${sapKey?.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${key.id}`,
      cloud_name: "sap",
      tenant: "SAP Demo",
      sap_param: { sap_key_id: sapKey?.id, keystoreContext: sapKey?.keystoreContext, role: sapKey?.role },
    });
  });

  it("synchronizes groups named by CipherTrust id and by SAP id, without a connection", async () => {
    const groups = (await stack.call("GET", "/cckm/sap/groups?sort=name")).body.resources;
    const [first, second] = groups;
    const sync = await finished(await stack.call("POST", SYNC, { groups: [first.id, second.group_id] }));
    expect(sync.overall_status).toBe("completed");
    expect(sync.groups).toEqual([first.group_id, second.group_id]);
    expect(sync.detailed_status).toEqual({ [first.name]: "completed", [second.name]: "completed" });
    const unknown = await stack.call("POST", SYNC, { groups: ["00000000-0000-4000-8000-000000000000"] });
    expect((await finished(unknown)).detailed_status).toEqual({ "00000000-0000-4000-8000-000000000000": "failed" });
  });

  it("creates keys by group name or SAP id, with CipherTrust's curve names and a role", async () => {
    const [group] = (await stack.call("GET", "/cckm/sap/groups?sort=name")).body.resources;
    const ec = await stack.call("POST", KEYS, {
      group: group.name,
      name: "TestSapKey1",
      type: "EC",
      curve: "NistP384",
      operations: ["SIGN", "VERIFY"],
      role: "MASTER_KEY",
      exportable: true,
      description: null,
    });
    expect(ec.status, JSON.stringify(ec.body)).toBe(201);
    expect(ec.body).toMatchObject({
      uri: `kylo:kylo:cckm:sap-key:testsapkey1-${ec.body.id}`,
      sap_group_name: group.name,
      sap_param: { groupId: group.group_id, type: "EC", curve: "P-384", role: "MASTER_KEY" },
    });
    const sapKey = await stack.sap.client().getKey(ec.body.sap_param.sap_key_id);
    expect({ curve: sapKey.curve, role: sapKey.role }).toEqual({ curve: "P-384", role: "MASTER_KEY" });

    const aes = await stack.call("POST", KEYS, { group: group.group_id, name: "by-sap-id", type: "AES", size: 256 });
    expect(aes.status).toBe(201);
    for (const curve of ["NistP192", "SecP256K1"]) {
      const refused = await stack.call("POST", KEYS, { group: group.id, name: "no-curve", type: "EC", curve });
      expect(refused.status, curve).toBe(400);
      expect(refused.body.message).toMatch(new RegExp(`^body\\.curve: SAP cannot make ${curve} keys`));
    }
    expect((await stack.call("POST", KEYS, { group: "no-such-group", name: "x", type: "AES", size: 256 })).status).toBe(
      404,
    );
  });
});
