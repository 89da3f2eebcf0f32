import { z } from "zod";

/** Standard base64 (padding optional), at most `maxBytes` once decoded; parses to a Buffer. */
export function base64Bytes(maxBytes: number) {
  return z
    .string()
    .min(1)
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64")
    .transform((v) => Buffer.from(v, "base64"));
}
