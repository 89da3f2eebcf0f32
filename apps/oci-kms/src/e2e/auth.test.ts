import { generateKeyPairSync } from "node:crypto";
import { inspect } from "node:util";
import { ociKeyFingerprint } from "@cckm/oci-kms-client";
import * as common from "oci-common";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator.ts";
import { DEMO_TENANCY, DEMO_USER_FINGERPRINT } from "../store/demo-user.ts";
import { admin, DEMO_PRIVATE_KEY, demoClient, demoVault, startTestSimulator } from "./harness.ts";

const ROOT = DEMO_TENANCY.tenancyId;
const PASSPHRASE = "correct-horse-battery-staple";

/** Every way an error or a client could be shown: none may hold a secret. */
const renderings = (value: unknown) => [
  String(value),
  (value as Error).message ?? "",
  (value as Error).stack ?? "",
  JSON.stringify(value),
  inspect(value, { depth: 10, showHidden: true }),
];

const keyLines = (pem: string) => pem.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"));

describe("request signatures", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it("the demo key's fingerprint is OCI's (MD5 of the public key's DER)", () => {
    expect(ociKeyFingerprint(DEMO_PRIVATE_KEY)).toBe(DEMO_USER_FINGERPRINT);
  });

  it("refuses a request signed with another private key: NotAuthenticated, permanent, never retried", async () => {
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      format: "pem",
      type: "pkcs8",
    });
    const client = demoClient(sim, { privateKey: stranger.toString() });
    sim.ctx.counter.reset();
    const error = await client.listVaults(ROOT).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "NOT_AUTHENTICATED",
      serviceCode: "NotAuthenticated",
      status: 401,
      transient: false,
      attempts: 1,
    });
    expect(sim.ctx.counter.list({ route: "vaults.list" })[0]?.byStatus).toEqual({ 401: 1 });
    for (const text of [...renderings(error), ...renderings(client)]) {
      for (const line of keyLines(stranger.toString())) expect(text).not.toContain(line);
    }
  });

  it("refuses an unknown fingerprint or user", async () => {
    const wrongFingerprint = demoClient(sim, { fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff" });
    await expect(wrongFingerprint.listVaults(ROOT)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    const wrongUser = demoClient(sim, { userId: "ocid1.user.oc1..nobody" });
    await expect(wrongUser.listVaults(ROOT)).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
  });

  it("refuses a request without a signature, as OCI does", async () => {
    const res = await fetch(`${sim.url}/20180608/vaults?compartmentId=${ROOT}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "NotAuthenticated" });
  });

  it("refuses a signed request whose body was changed on the way (x-content-sha256)", async () => {
    const client = demoClient(sim);
    const { managementEndpoint } = await demoVault(client, "demo-default-vault");
    const provider = new common.SimpleAuthenticationDetailsProvider(
      DEMO_TENANCY.tenancyId,
      DEMO_TENANCY.userId,
      DEMO_TENANCY.fingerprint,
      DEMO_PRIVATE_KEY,
      null,
    );
    const signer = new common.DefaultRequestSigner(provider);
    const uri = `${managementEndpoint}/20180608/keys`;
    const body = JSON.stringify({
      compartmentId: ROOT,
      displayName: "signed",
      keyShape: { algorithm: "AES", length: 32 },
    });
    const send = async (sent: string) => {
      const headers = new Headers({ "content-type": "application/json" });
      await signer.signHttpRequest({ method: "POST", uri, headers, body });
      return fetch(uri, { method: "POST", headers, body: sent });
    };
    const honest = await send(body);
    expect(honest.status).toBe(200);
    const tampered = await send(body.replace("signed", "forged"));
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toMatchObject({ code: "NotAuthenticated" });
  });

  it("signs with a passphrase-protected key; neither the key nor the passphrase reach an error or the client's JSON", async () => {
    const pair = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: PASSPHRASE },
    });
    const created = await admin<{ id: string; users: Array<{ id: string; fingerprints: string[] }> }>(
      sim,
      "POST",
      "/tenancies",
      { name: "second", publicKeyPem: pair.publicKey },
    );
    expect(created.status).toBe(201);
    const [user] = created.body.users;
    const settings = {
      tenancyId: created.body.id,
      userId: user?.id ?? "",
      fingerprint: user?.fingerprints[0] ?? "",
      privateKey: pair.privateKey,
      passphrase: PASSPHRASE,
    };
    expect(settings.fingerprint).toBe(ociKeyFingerprint(pair.privateKey, PASSPHRASE));
    const client = demoClient(sim, settings);
    expect(await client.listVaults(created.body.id)).toEqual([]);
    // The demo tenancy's vault is invisible from another tenancy.
    const demoVaultId = (await demoVault(demoClient(sim), "demo-default-vault")).id;
    const error = await client.getVault(demoVaultId).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
    for (const text of [...renderings(error), ...renderings(client)]) {
      expect(text).not.toContain(PASSPHRASE);
      for (const line of keyLines(pair.privateKey)) expect(text).not.toContain(line);
    }
    let refused: unknown;
    try {
      demoClient(sim, { ...settings, passphrase: "not-the-passphrase" });
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ name: "OciKmsError", code: "INVALID_CONFIG", transient: false });
    for (const text of renderings(refused)) {
      expect(text).not.toContain("not-the-passphrase");
      for (const line of keyLines(pair.privateKey)) expect(text).not.toContain(line);
    }
  });
});
