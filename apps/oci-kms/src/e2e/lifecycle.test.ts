import type { OciKmsClient } from "@cckm/oci-kms-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator.ts";
import { DEMO_TENANCY } from "../store/demo-user.ts";
import { demoClient, demoVault, startTestSimulator } from "./harness.ts";

const ROOT = DEMO_TENANCY.tenancyId;
const DAY_MS = 86_400_000;

describe("key lifecycle through Oracle's SDK (transitions settle on the next read)", () => {
  let sim: RunningSimulator;
  let client: OciKmsClient;
  let endpoint: string;
  beforeAll(async () => {
    sim = await startTestSimulator();
    client = demoClient(sim);
    endpoint = (await demoVault(client, "demo-default-vault")).managementEndpoint;
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  const newAesKey = (name: string) =>
    client.createKey(endpoint, { compartmentId: ROOT, displayName: name, algorithm: "AES", length: 32 });

  it("creates AES, RSA and ECDSA keys, SOFTWARE or HSM: CREATING, then ENABLED with an ENABLED version", async () => {
    const specs = [
      { algorithm: "AES", length: 16, protectionMode: "SOFTWARE" },
      { algorithm: "RSA", length: 256, protectionMode: "HSM" },
      { algorithm: "ECDSA", length: 48, curveId: "NIST_P384", protectionMode: "SOFTWARE" },
    ] as const;
    for (const spec of specs) {
      const created = await client.createKey(endpoint, {
        compartmentId: ROOT,
        displayName: `new-${spec.algorithm}`,
        ...spec,
      });
      expect(created).toMatchObject({ lifecycleState: "CREATING", protectionMode: spec.protectionMode });
      expect(created.keyShape).toMatchObject({ algorithm: spec.algorithm, length: spec.length });
      const settled = await client.getKey(endpoint, created.id);
      expect(settled.lifecycleState).toBe("ENABLED");
      const versions = await client.listKeyVersions(endpoint, created.id);
      expect(versions).toEqual([expect.objectContaining({ id: created.currentKeyVersion, lifecycleState: "ENABLED" })]);
    }
    const defaults = await newAesKey("default-mode");
    expect(defaults.protectionMode).toBe("HSM"); // OCI's default
  });

  it("schedules a deletion (SCHEDULING_DELETION → PENDING_DELETION) and cancels it (CANCELLING_DELETION → ENABLED)", async () => {
    const key = await newAesKey("to-delete");
    await client.getKey(endpoint, key.id); // settles CREATING
    const when = new Date(Date.now() + 8 * DAY_MS);
    const scheduling = await client.scheduleKeyDeletion(endpoint, key.id, when);
    expect(scheduling.lifecycleState).toBe("SCHEDULING_DELETION");
    expect(Date.parse(scheduling.timeOfDeletion ?? "")).toBe(when.getTime());
    expect((await client.getKey(endpoint, key.id)).lifecycleState).toBe("PENDING_DELETION");
    const cancelling = await client.cancelKeyDeletion(endpoint, key.id);
    expect(cancelling.lifecycleState).toBe("CANCELLING_DELETION");
    const back = await client.getKey(endpoint, key.id);
    expect(back.lifecycleState).toBe("ENABLED");
    expect(back.timeOfDeletion).toBeUndefined();
  });

  it("schedules 30 days ahead by default, and refuses a time outside 7 to 30 days as InvalidParameter", async () => {
    const key = await newAesKey("default-deletion");
    await client.getKey(endpoint, key.id);
    await expect(client.scheduleKeyDeletion(endpoint, key.id, new Date(Date.now() + 2 * DAY_MS))).rejects.toMatchObject(
      {
        code: "INVALID_PARAMETER",
        serviceCode: "InvalidParameter",
        status: 400,
        transient: false,
        attempts: 1,
      },
    );
    const scheduled = await client.scheduleKeyDeletion(endpoint, key.id);
    const days = (Date.parse(scheduled.timeOfDeletion ?? "") - Date.now()) / DAY_MS;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
  });

  it("cancels a deletion back to DISABLED when the key was disabled before", async () => {
    const key = await newAesKey("disabled-then-deleted");
    await client.getKey(endpoint, key.id);
    expect((await client.disableKey(endpoint, key.id)).lifecycleState).toBe("DISABLING");
    expect((await client.getKey(endpoint, key.id)).lifecycleState).toBe("DISABLED");
    await client.scheduleKeyDeletion(endpoint, key.id);
    await client.getKey(endpoint, key.id);
    await client.cancelKeyDeletion(endpoint, key.id);
    expect((await client.getKey(endpoint, key.id)).lifecycleState).toBe("DISABLED");
    expect((await client.enableKey(endpoint, key.id)).lifecycleState).toBe("ENABLING");
    expect((await client.getKey(endpoint, key.id)).lifecycleState).toBe("ENABLED");
  });

  it("answers an action in the wrong state with IncorrectState, classified permanent and not retried", async () => {
    const key = await newAesKey("wrong-state");
    await client.getKey(endpoint, key.id);
    sim.ctx.counter.reset();
    const error = await client.cancelKeyDeletion(endpoint, key.id).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "OciKmsError",
      code: "INCORRECT_STATE",
      serviceCode: "IncorrectState",
      status: 409,
      transient: false,
      attempts: 1,
      operation: "keys.cancelDeletion",
    });
    expect(sim.ctx.counter.list({ route: "keys.cancelDeletion" })[0]?.total).toBe(1);
    await expect(client.enableKey(endpoint, key.id)).rejects.toMatchObject({ code: "INCORRECT_STATE" });
    await client.disableKey(endpoint, key.id);
    // The second disable settles the key first (DISABLING → DISABLED); a DISABLED key cannot be disabled.
    await expect(client.disableKey(endpoint, key.id)).rejects.toMatchObject({ code: "INCORRECT_STATE" });
  });

  it("answers unknown ids with NotAuthorizedOrNotFound, classified permanent", async () => {
    const missing = "ocid1.key.oc1.iad.nosuchkeynosuchkeynosuchkeynosuchkeynosuchkeynosuchkeynosuch";
    for (const call of [
      () => client.getKey(endpoint, missing),
      () => client.enableKey(endpoint, missing),
      () => client.listKeyVersions(endpoint, missing),
      () => client.getKeyVersion(endpoint, missing, "ocid1.keyversion.oc1.iad.nope"),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: "NOT_FOUND",
        serviceCode: "NotAuthorizedOrNotFound",
        transient: false,
      });
    }
  });

  it("renames and retags a key; an update of a DISABLED key is IncorrectState", async () => {
    const key = await newAesKey("before-rename");
    const renamed = await client.updateKey(endpoint, key.id, {
      displayName: "after-rename",
      freeformTags: { team: "crypto" },
      definedTags: { Operations: { CostCenter: "42" } },
    });
    expect(renamed).toMatchObject({
      displayName: "after-rename",
      freeformTags: { team: "crypto" },
      definedTags: { Operations: { CostCenter: "42" } },
    });
    await client.disableKey(endpoint, key.id);
    await expect(client.updateKey(endpoint, key.id, { displayName: "x" })).rejects.toMatchObject({
      code: "INCORRECT_STATE",
    });
  });

  it("rotates natively: the new version is CREATING, then ENABLED and the key's current version", async () => {
    const key = await newAesKey("rotated");
    await client.getKey(endpoint, key.id);
    const version = await client.createKeyVersion(endpoint, key.id);
    expect(version).toMatchObject({ keyId: key.id, lifecycleState: "CREATING", origin: "INTERNAL" });
    expect((await client.getKeyVersion(endpoint, key.id, version.id)).lifecycleState).toBe("ENABLED");
    expect((await client.getKey(endpoint, key.id)).currentKeyVersion).toBe(version.id);
    expect(await client.listKeyVersions(endpoint, key.id)).toHaveLength(2);
    await client.disableKey(endpoint, key.id);
    await expect(client.createKeyVersion(endpoint, key.id)).rejects.toMatchObject({ code: "INCORRECT_STATE" });
  });

  it("refuses a key shape OCI does not have with InvalidParameter (a 400, never a 500)", async () => {
    await expect(
      client.createKey(endpoint, { compartmentId: ROOT, displayName: "odd", algorithm: "AES", length: 20 }),
    ).rejects.toMatchObject({ code: "INVALID_PARAMETER", status: 400, transient: false });
    await expect(
      client.createKey(endpoint, { compartmentId: ROOT, displayName: "odd", algorithm: "ECDSA", length: 32 }),
    ).rejects.toMatchObject({ code: "INVALID_PARAMETER" });
  });

  it("refuses bad arguments before sending anything (INVALID_ARGUMENT)", async () => {
    sim.ctx.counter.reset();
    await expect(client.getKey(endpoint, "")).rejects.toMatchObject({ code: "INVALID_ARGUMENT", transient: false });
    await expect(client.updateKey(endpoint, "ocid1.key.oc1..x", {})).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
    await expect(client.getKey("ftp://example.com", "ocid1.key.oc1..x")).rejects.toMatchObject({
      code: "ENDPOINT_FORBIDDEN",
    });
    expect(sim.ctx.counter.list()).toEqual([]);
  });
});

describe("transitional states with a delay and an injected clock", () => {
  let now = Date.parse("2030-01-01T00:00:00Z");
  let sim: RunningSimulator;
  let client: OciKmsClient;
  beforeAll(async () => {
    sim = await startTestSimulator({ transitionDelayMs: 60_000, clock: () => now });
    client = demoClient(sim);
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  it("keeps a key DISABLING until the delay passed; actions meanwhile are IncorrectState", async () => {
    const { managementEndpoint } = await demoVault(client, "demo-private-vault");
    const [key] = await client.listKeys(managementEndpoint, ROOT, { algorithm: "AES" });
    const id = key?.id ?? "";
    expect((await client.disableKey(managementEndpoint, id)).lifecycleState).toBe("DISABLING");
    now += 59_999;
    expect((await client.getKey(managementEndpoint, id)).lifecycleState).toBe("DISABLING");
    await expect(client.enableKey(managementEndpoint, id)).rejects.toMatchObject({ code: "INCORRECT_STATE" });
    now += 1;
    expect((await client.getKey(managementEndpoint, id)).lifecycleState).toBe("DISABLED");
  });
});
