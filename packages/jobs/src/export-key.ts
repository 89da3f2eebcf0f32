import { createExportWrappingKey, type ExportWrappingKey } from "@cckm/sap-kms-client";
import type { ExportKeyProvider } from "./backup.ts";

/**
 * One export wrapping key per process, made on first use and replaced after `maxAgeMs`: RSA-3072
 * generation costs far more than an export, and the private half never leaves memory anyway.
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
