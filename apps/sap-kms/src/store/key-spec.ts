/** What the simulator accepts as key types, sizes, curves and operations. */
export const KEY_TYPES = ["AES", "RSA", "EC"] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const AES_SIZES = [128, 192, 256] as const;
export const RSA_SIZES = [2048, 3072, 4096] as const;

/** EC curves by their SAP-style name, with their size in bits and node's name for them. */
export const CURVES = {
  "P-256": { size: 256, nodeName: "prime256v1" },
  "P-384": { size: 384, nodeName: "secp384r1" },
  "P-521": { size: 521, nodeName: "secp521r1" },
} as const;
export type Curve = keyof typeof CURVES;
export const CURVE_NAMES = Object.keys(CURVES) as Curve[];

export const OPERATIONS = ["ENCRYPT", "DECRYPT", "SIGN", "VERIFY", "WRAP", "UNWRAP"] as const;
export type Operation = (typeof OPERATIONS)[number];

export const ALLOWED_OPERATIONS: Record<KeyType, readonly Operation[]> = {
  AES: ["ENCRYPT", "DECRYPT", "WRAP", "UNWRAP"],
  RSA: OPERATIONS,
  EC: ["SIGN", "VERIFY"],
};

export const DEFAULT_OPERATIONS: Record<KeyType, readonly Operation[]> = {
  AES: ["ENCRYPT", "DECRYPT"],
  RSA: ["ENCRYPT", "DECRYPT", "SIGN", "VERIFY"],
  EC: ["SIGN", "VERIFY"],
};

/** A key's shape: AES and RSA by size, EC by curve (its size follows from the curve). */
export interface KeySpec {
  type: KeyType;
  size: number;
  curve?: Curve;
}

/**
 * Completes and checks a requested type/size/curve. Returns the spec, or a message saying what is
 * wrong (the caller turns it into a 400).
 */
export function resolveKeySpec(input: { type: KeyType; size?: number; curve?: Curve }): KeySpec | string {
  const { type, size, curve } = input;
  if (type === "AES" || type === "RSA") {
    if (curve !== undefined) return `curve applies to EC keys only, not ${type}`;
    const sizes: readonly number[] = type === "AES" ? AES_SIZES : RSA_SIZES;
    const chosen = size ?? (type === "AES" ? 256 : 2048);
    if (!sizes.includes(chosen)) return `size of an ${type} key must be one of ${sizes.join(", ")}`;
    return { type, size: chosen };
  }
  const chosenCurve = curve ?? (size === undefined ? "P-256" : CURVE_NAMES.find((c) => CURVES[c].size === size));
  if (chosenCurve === undefined)
    return `size of an EC key must be one of ${CURVE_NAMES.map((c) => CURVES[c].size).join(", ")}`;
  if (size !== undefined && CURVES[chosenCurve].size !== size)
    return `size ${size} does not match curve ${chosenCurve}`;
  return { type, size: CURVES[chosenCurve].size, curve: chosenCurve };
}

/** The message for operations a key type cannot do, or undefined when all are allowed. */
export function invalidOperations(type: KeyType, operations: readonly Operation[]): string | undefined {
  const bad = operations.filter((op) => !ALLOWED_OPERATIONS[type].includes(op));
  return bad.length > 0 ? `operations ${bad.join(", ")} are not allowed for ${type} keys` : undefined;
}
