import { type Logger, pino } from "pino";

export type { Logger };

/** Field names whose values never reach a log line, wherever they sit in a logged object. */
export const REDACTED_FIELDS = [
  "password",
  "secret",
  "api_key",
  "apiKey",
  "authorization",
  "jwt",
  "refresh_token",
  "accessToken",
  "material",
  "ciphertext",
  "plaintext",
  "BACKUP_KEK",
  "JWT_SECRET",
  "ADMIN_PASSWORD",
] as const;

const redactPaths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `req.headers.${f}`]);

/** One JSON logger per process; `name` says which process wrote the line. */
export function createLogger(name: string, level = "info"): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid, service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: "[redacted]" },
  });
}
