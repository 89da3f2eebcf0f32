import { ocid } from "./ocids.ts";

/**
 * The demo tenancy's API user: a fixed RSA-2048 key pair, shipped as a demo and test fixture in
 * `apps/oci-kms/fixtures/demo-user-key.pem` (private, PKCS#8, no passphrase) and `demo-user-key.pub.pem`.
 * It is public: it signs requests to the simulator and nothing else.
 */
export const DEMO_USER_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3wz3+MdPPzgD/rqVcJ+8
bJffTqilO+4vXyUGjvXwpDNB8R/JSdWVyKtUL6Xw5CAAitP6qwj29a6nsqhHsIEU
/E6dEV8yQnV2eCXJMAoCq1MPVFQOfeuFXQWs0fmTOExP1qzu2RawhZUZTfjanLNG
GMMcrpq9Gx0StyV2SEQewdxMkyiGsqUa4I/7MGhHW0meL7SGSeXQ1AA65U+cdVgY
9FDB/q+WVXxygkAcTm2rmfKGB0F1tW4/LeRp5CZz9CN/KwArrlhbM17YomLJy8Jv
XnWagBXVeY6UGX7GYDs8VSDxz+8BmjWGeFOC1BZLQto5bYPe6KTAz1bGk5UHa+GP
EQIDAQAB
-----END PUBLIC KEY-----`;

/** The fixtures' paths, relative to the repository root. */
export const DEMO_USER_KEY_FILES = {
  privateKey: "apps/oci-kms/fixtures/demo-user-key.pem",
  publicKey: "apps/oci-kms/fixtures/demo-user-key.pub.pem",
} as const;

/** OCI's fingerprint of the demo key (MD5 of its SPKI DER). */
export const DEMO_USER_FINGERPRINT = "36:c4:51:70:74:2c:8b:22:a3:ec:15:ec:a1:13:6e:03";

const fixed = (label: string) => ({ seed: 0, label: `demo:${label}` });

/** The demo tenancy's ids do not depend on the simulator's seed (the key pair does not either). */
export const DEMO_TENANCY = {
  name: "cckm-demo",
  homeRegion: "us-ashburn-1",
  tenancyId: ocid("tenancy", undefined, fixed("tenancy")),
  userId: ocid("user", undefined, fixed("user")),
  userName: "cckm-demo-api-user",
  appsCompartmentId: ocid("compartment", undefined, fixed("compartment:cckm-demo-apps")),
  fingerprint: DEMO_USER_FINGERPRINT,
} as const;
