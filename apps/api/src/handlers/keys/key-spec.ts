/**
 * Key specs as CipherTrust names them, mapped to what SAP (and the simulator) speak. CipherTrust
 * documents the curves NistP192 … SecP256K1; SAP makes P-256, P-384 and P-521 only. SAP's own
 * names stay accepted (our earlier releases, tests and tools send them).
 */
export const SIZES = { AES: [128, 192, 256], RSA: [2048, 3072, 4096] } as const;
export const OPERATIONS = ["ENCRYPT", "DECRYPT", "SIGN", "VERIFY", "WRAP", "UNWRAP"] as const;

export const SAP_CURVE = {
  NistP256: "P-256",
  NistP384: "P-384",
  NistP521: "P-521",
  "P-256": "P-256",
  "P-384": "P-384",
  "P-521": "P-521",
} as const;

/** Documented by CipherTrust, but not a curve SAP can make: a 400 saying so. */
export const CURVES_SAP_CANNOT_MAKE = ["NistP192", "NistP224", "SecP192K1", "SecP224K1", "SecP256K1"] as const;

export const CURVES: [string, ...string[]] = [
  "NistP256",
  ...Object.keys(SAP_CURVE).slice(1),
  ...CURVES_SAP_CANNOT_MAKE,
];

export function sapCurveOf(curve: string): string | undefined {
  return (SAP_CURVE as Record<string, string>)[curve];
}
