import { parseArgs } from "node:util";
import type { OciEnv } from "./env.ts";
import { type FaultRule, parseFaultSpec } from "./faults/fault-rule.ts";

export interface CliSettings {
  host: string;
  port: number;
  seed: number;
  transitionDelayMs: number;
  defaultRegion: string;
  publicUrl?: string;
  wrappingKeyBits: number;
  stateFile?: string;
  faults: FaultRule[];
}

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/**
 * Settings from the environment, overridden by flags: `--port`, `--host`, `--seed`,
 * `--transition-delay <ms>`, `--default-region <id>`, `--public-url <url>`, `--state-file <path>`,
 * and `--fault <spec>` (repeatable; adds to OCI_KMS_FAULTS).
 */
export function cliSettings(env: OciEnv & { HOST: string }, argv: string[]): CliSettings {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      "transition-delay": { type: "string" },
      "default-region": { type: "string" },
      "public-url": { type: "string" },
      "state-file": { type: "string" },
      fault: { type: "string", multiple: true },
    },
  });
  const faults = [
    ...parseFaultSpec(env.OCI_KMS_FAULTS ?? ""),
    ...(values.fault ?? []).flatMap((spec) => parseFaultSpec(spec)),
  ];
  const publicUrl = values["public-url"] ?? env.OCI_KMS_PUBLIC_URL;
  const stateFile = values["state-file"] ?? env.OCI_KMS_STATE_FILE;
  return {
    host: values.host ?? env.OCI_KMS_HOST ?? env.HOST,
    port: whole("port", values.port, env.OCI_KMS_PORT),
    seed: whole("seed", values.seed, env.OCI_KMS_SEED),
    transitionDelayMs: whole("transition-delay", values["transition-delay"], env.OCI_KMS_TRANSITION_DELAY_MS),
    defaultRegion: values["default-region"] ?? env.OCI_KMS_DEFAULT_REGION,
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    wrappingKeyBits: env.OCI_KMS_WRAPPING_KEY_BITS,
    ...(stateFile !== undefined ? { stateFile } : {}),
    faults,
  };
}
