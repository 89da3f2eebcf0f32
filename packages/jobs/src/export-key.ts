import { createExportWrappingKey, type ExportWrappingKey } from "@cckm/sap-kms-client";
import type { ExportKeyProvider } from "./backup.ts";

/**
 * One static export wrapping key (X25519) per process, made on first use and replaced after
 * `maxAgeMs`. Each export is an ephemeral-static agreement with it (a fresh key on SAP's side per
 * export), so opening one costs one X25519 agreement (≈ 0.2 ms) instead of an RSA-3072 private-key
 * operation (≈ 2–3 ms); the private half never leaves memory.
 */
export function rotatingExportKey(maxAgeMs = 10 * 60_000): ExportKeyProvider {
  let current: { key: Promise<ExportWrappingKey>; madeAt: number } | undefined;
  return () => {
    if (!current || Date.now() - current.madeAt > maxAgeMs) {
      current = { key: createExportWrappingKey(), madeAt: Date.now() };
    }
    return current.key;
  };
}
