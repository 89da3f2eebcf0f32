import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** Whether this start made them (else they were found from an earlier start). */
  made: boolean;
}

/** Subject alternative names: loopback, `localhost`, and the host the API listens on. */
function altNames(host: string) {
  const names = new Set(["localhost", "127.0.0.1", "::1", host]);
  return [...names].map((name) => (isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name }));
}

/**
 * A self-signed certificate and key for the API's HTTPS port, made once per data dir (the key mode
 * 0600) and found again on the next start, so the seed pages' `curl -k https://…` work as written.
 */
export async function ensureTlsFiles(dataDir: string, host: string): Promise<TlsFiles> {
  const dir = join(dataDir, "tls");
  const certFile = join(dir, "api-cert.pem");
  const keyFile = join(dir, "api-key.pem");
  if (existsSync(certFile) && existsSync(keyFile)) return { certFile, keyFile, made: false };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const notAfterDate = new Date(Date.now() + 825 * 24 * 3600 * 1000);
  const pems = await generate([{ name: "commonName", value: "cckm-dev" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: altNames(host) },
    ],
  });
  await writeFile(keyFile, pems.private, { mode: 0o600 });
  await writeFile(certFile, pems.cert, { mode: 0o644 });
  return { certFile, keyFile, made: true };
}
