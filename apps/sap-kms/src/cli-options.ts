import { parseArgs } from "node:util";
import type { SapKmsEnv } from "@cckm/config";
import { type FaultRule, parseFaultSpec } from "./faults/fault-rule.ts";

export interface CliSettings {
  host: string;
  port: number;
  seed: number;
  tokenTtlSeconds: number;
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
 * `--token-ttl <seconds>`, `--state-file <path>`, and `--fault <spec>` (repeatable; adds to SAP_KMS_FAULTS).
 */
export function cliSettings(env: SapKmsEnv, argv: string[]): CliSettings {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      "token-ttl": { type: "string" },
      "state-file": { type: "string" },
      fault: { type: "string", multiple: true },
    },
  });
  const faults = [
    ...parseFaultSpec(env.SAP_KMS_FAULTS ?? ""),
    ...(values.fault ?? []).flatMap((spec) => parseFaultSpec(spec)),
  ];
  return {
    host: values.host ?? env.HOST,
    port: whole("port", values.port, env.SAP_KMS_PORT),
    seed: whole("seed", values.seed, env.SAP_KMS_SEED),
    tokenTtlSeconds: whole("token-ttl", values["token-ttl"], env.SAP_KMS_TOKEN_TTL_SECONDS),
    stateFile: values["state-file"] ?? env.SAP_KMS_STATE_FILE,
    faults,
  };
}
