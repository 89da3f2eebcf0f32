import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoTenancy } from "./demo-tenancy.ts";
import { DEMO_TENANCY, DEMO_USER_PUBLIC_KEY_PEM } from "./demo-user.ts";
import { apiKeyOf } from "./factory.ts";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");

describe("the demo tenancy", () => {
  it("has the ids and fingerprint the README gives", () => {
    expect(DEMO_TENANCY).toMatchObject({
      tenancyId: "ocid1.tenancy.oc1..ejsfwua4ffk2pb7z2qmkluxixk4tiwd6p5tlinwkxioxmigp732ed3gl75hq",
      userId: "ocid1.user.oc1..n65slr3ocyz2lfeumhiepgurhbbhybg5v4hkwyd6tt7otcahrz53w4hrtbvm",
      appsCompartmentId: "ocid1.compartment.oc1..czscotnpchh36jvuxgywnnc4irqdjca2jjgtonsoi37vtigymqkvepdo6yco",
      fingerprint: "36:c4:51:70:74:2c:8b:22:a3:ec:15:ec:a1:13:6e:03",
    });
    expect(apiKeyOf(DEMO_USER_PUBLIC_KEY_PEM).fingerprint).toBe(DEMO_TENANCY.fingerprint);
  });

  it("registers the public half of the fixture's private key", () => {
    const derived = createPublicKey(fixture("demo-user-key.pem")).export({ format: "pem", type: "spki" }).toString();
    expect(derived.trim()).toBe(DEMO_USER_PUBLIC_KEY_PEM.trim());
    expect(fixture("demo-user-key.pub.pem").trim()).toBe(DEMO_USER_PUBLIC_KEY_PEM.trim());
  });

  it("seeds its vaults with the seed's ids (seed 1: the README's)", async () => {
    const { vaults } = await demoTenancy({ seed: 1, now: Date.now() });
    expect(Object.fromEntries(vaults.map((v) => [v.displayName, v.id]))).toEqual({
      "demo-default-vault": "ocid1.vault.oc1.iad.rz2lezqlkbh23lsnvfmrhadc7acusrwolmaxl2767ky4nhezwktrxkndsrot",
      "demo-private-vault": "ocid1.vault.oc1.iad.te5u2efmu27krdzd24ibtlzqypnvifwuad6tzmdjucxvokfqdnq5pr23jcqt",
    });
  });
});
