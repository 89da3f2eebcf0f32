import { afterAll, describe, expect, it } from "vitest";
import { DEMO, simulators } from "../testing/harness.ts";
import { signedRequest } from "../testing/signed-request.ts";

const sims = simulators();
afterAll(() => sims.closeAll());

describe("AWS JSON 1.1 at the edge", () => {
  it("refuses bad bodies with AWS's error types, never a 500", async () => {
    const sim = await sims.start();
    const send = (target: string, body: string) =>
      signedRequest(sim.url, { target: `TrentService.${target}`, body, key: DEMO });
    expect(await send("ListKeys", "{not json")).toMatchObject({
      status: 400,
      body: { __type: "SerializationException" },
    });
    expect((await send("ListKeys", "[1]")).body.__type).toBe("SerializationException");
    expect((await send("ListKeys", '{"Limit":"ten"}')).body.__type).toBe("SerializationException");
    const range = await send("ListKeys", '{"Limit":0}');
    expect(range.body).toEqual({
      __type: "ValidationException",
      message:
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    const missing = await send("DescribeKey", "{}");
    expect(missing.body.message).toContain(
      "Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
    const spec = await send("CreateKey", '{"KeySpec":"AES_256"}');
    expect(spec.body.__type).toBe("ValidationException");
    expect(spec.body.message).toContain("Member must satisfy enum value set");
    expect((await send("CreateKey", '{"KeySpec":"ECC_NIST_P384","KeyUsage":"ENCRYPT_DECRYPT"}')).body.__type).toBe(
      "ValidationException",
    );
    expect((await send("ListKeys", '{"Marker":"bm9wZQ"}')).body.__type).toBe("InvalidMarkerException");
    const tags = '{"Tags":[{"TagKey":"a","TagValue":"1"},{"TagKey":"a","TagValue":"2"}]}';
    expect((await send("CreateKey", tags)).body.__type).toBe("TagException");
    expect((await send("CreateKey", '{"Policy":"{"}')).body.__type).toBe("MalformedPolicyDocumentException");
    expect((await send("CreateKey", '{"Origin":"AWS_CLOUDHSM"}')).body.__type).toBe("UnsupportedOperationException");
  });

  it("answers UnknownOperationException for a target it does not serve or a foreign content type", async () => {
    const sim = await sims.start();
    expect(await signedRequest(sim.url, { target: "TrentService.Encrypt", key: DEMO })).toMatchObject({
      status: 400,
      body: { __type: "UnknownOperationException" },
    });
    const json = await signedRequest(sim.url, {
      target: "TrentService.ListKeys",
      key: DEMO,
      contentType: "application/json",
    });
    expect(json.body.__type).toBe("UnknownOperationException");
    const elsewhere = await fetch(`${sim.url}/keys`);
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { __type: string }).__type).toBe("UnknownOperationException");
  });

  it("serves EXTERNAL keys in PendingImport and describes asymmetric ones as AWS does", async () => {
    const sim = await sims.start();
    const kms = sims.client(sim);
    const external = await kms.createKey({ origin: "EXTERNAL" });
    expect(external).toMatchObject({ Origin: "EXTERNAL", KeyState: "PendingImport", Enabled: false });
    await expect(kms.enableKey(external.KeyId ?? "")).rejects.toMatchObject({ code: "INVALID_STATE" });
    await kms.scheduleKeyDeletion(external.KeyId ?? "", 7);
    await kms.cancelKeyDeletion(external.KeyId ?? "");
    expect((await kms.describeKey(external.KeyId ?? "")).KeyState).toBe("PendingImport");
    await expect(kms.createKey({ keySpec: "ECC_NIST_P521" })).rejects.toMatchObject({ code: "VALIDATION" });
    const ecc = await kms.createKey({ keySpec: "ECC_NIST_P521", keyUsage: "SIGN_VERIFY" });
    expect(ecc).toMatchObject({ KeyUsage: "SIGN_VERIFY", SigningAlgorithms: ["ECDSA_SHA_512"] });
    await expect(kms.getKeyRotationStatus(ecc.KeyId ?? "")).rejects.toMatchObject({ code: "UNSUPPORTED" });
  });

  it("answers /healthz", async () => {
    const sim = await sims.start();
    const res = await fetch(`${sim.url}/healthz`);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
