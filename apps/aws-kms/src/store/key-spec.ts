/** The key specs, usages and origins the simulator knows, and what AWS derives from them. */
export const KEY_SPECS = [
  "SYMMETRIC_DEFAULT",
  "RSA_2048",
  "RSA_3072",
  "RSA_4096",
  "ECC_NIST_P256",
  "ECC_NIST_P384",
  "ECC_NIST_P521",
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

export const KEY_USAGES = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

/** Origins AWS has; the simulator creates keys of the first two only. */
export const ORIGINS = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const;
export type Origin = (typeof ORIGINS)[number];

export const KEY_STATES = ["Enabled", "Disabled", "PendingDeletion", "PendingImport"] as const;
export type KeyState = (typeof KEY_STATES)[number];

const USAGES: Record<KeySpec, readonly KeyUsage[]> = {
  SYMMETRIC_DEFAULT: ["ENCRYPT_DECRYPT"],
  RSA_2048: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
  RSA_3072: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
  RSA_4096: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
  ECC_NIST_P256: ["SIGN_VERIFY", "KEY_AGREEMENT"],
  ECC_NIST_P384: ["SIGN_VERIFY", "KEY_AGREEMENT"],
  ECC_NIST_P521: ["SIGN_VERIFY", "KEY_AGREEMENT"],
};

/** Why a spec and usage do not go together (AWS answers ValidationException), or undefined. */
export function usageProblem(spec: KeySpec, usage: KeyUsage): string | undefined {
  if (USAGES[spec].includes(usage)) return undefined;
  return `KeyUsage ${usage} is not compatible with KeySpec ${spec}`;
}

export const isSymmetric = (spec: KeySpec) => spec === "SYMMETRIC_DEFAULT";

const SHA = ["SHA_256", "SHA_384", "SHA_512"] as const;
const ECDSA: Partial<Record<KeySpec, string>> = {
  ECC_NIST_P256: "ECDSA_SHA_256",
  ECC_NIST_P384: "ECDSA_SHA_384",
  ECC_NIST_P521: "ECDSA_SHA_512",
};

/** The algorithm lists of DescribeKey's KeyMetadata, as AWS fills them for a spec and usage. */
export function algorithms(spec: KeySpec, usage: KeyUsage): Record<string, string[]> {
  if (usage === "ENCRYPT_DECRYPT") {
    return {
      EncryptionAlgorithms: isSymmetric(spec) ? ["SYMMETRIC_DEFAULT"] : ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"],
    };
  }
  if (usage === "KEY_AGREEMENT") return { KeyAgreementAlgorithms: ["ECDH"] };
  const ecdsa = ECDSA[spec];
  if (ecdsa !== undefined) return { SigningAlgorithms: [ecdsa] };
  return {
    SigningAlgorithms: [...SHA.map((h) => `RSASSA_PKCS1_V1_5_${h}`), ...SHA.map((h) => `RSASSA_PSS_${h}`)],
  };
}
