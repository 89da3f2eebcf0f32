import { createHash } from "node:crypto";

/** A UUID (version 4 layout) derived from the seed and a label, so the demo account's ids repeat across runs. */
export function seededUuid(seed: number, label: string): string {
  const b = createHash("sha256").update(`${seed}:${label}`).digest();
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
