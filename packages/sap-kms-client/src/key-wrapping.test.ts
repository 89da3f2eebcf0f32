import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createExportWrappingKey } from "./export-wrapping.ts";
import { unwrapRsaAes, wrapMaterial } from "./key-wrapping.ts";
import { eqFilter, odataString } from "./odata.ts";

describe("key wrapping", () => {
  it("round-trips RSA_AES_WRAP_SHA256 with a fresh RSA-3072 pair", async () => {
    const pair = await createExportWrappingKey("RSA_AES_WRAP_SHA256");
    expect(pair.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    for (const size of [16, 32, 1218]) {
      const material = randomBytes(size);
      const wrapped = wrapMaterial("RSA_AES_WRAP_SHA256", pair.publicKeyDer, material);
      expect(createHash("sha256").update(unwrapRsaAes(pair.privateKey, wrapped)).digest("hex")).toBe(
        createHash("sha256").update(material).digest("hex"),
      );
    }
    const other = await createExportWrappingKey("RSA_AES_WRAP_SHA256");
    expect(() =>
      unwrapRsaAes(other.privateKey, wrapMaterial("RSA_AES_WRAP_SHA256", pair.publicKeyDer, randomBytes(32))),
    ).toThrow();
  });

  it("OAEP_MGF1_SHA256 output is one RSA block", async () => {
    const pair = await createExportWrappingKey("RSA_AES_WRAP_SHA256");
    expect(wrapMaterial("OAEP_MGF1_SHA256", pair.publicKeyDer, randomBytes(32))).toHaveLength(384);
  });
});

describe("OData filters", () => {
  it("quotes strings and joins clauses", () => {
    expect(odataString("it's")).toBe("'it''s'");
    expect(eqFilter({ groupId: "g", name: undefined })).toBe("groupId eq 'g'");
    expect(eqFilter({ groupId: "g", name: "n'" })).toBe("groupId eq 'g' and name eq 'n'''");
    expect(eqFilter({ name: undefined })).toBeUndefined();
  });
});
