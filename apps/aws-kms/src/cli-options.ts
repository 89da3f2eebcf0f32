import { parseArgs } from "node:util";
import type { SimulatorEnv } from "@cckm/config";
import { type AccessKey, parseAccessKeys } from "./auth/access-keys.ts";
import type { AwsKmsEnv } from "./env.ts";
import { type FaultRule, parseFaultSpec } from "./faults/fault-rule.ts";

export interface CliSettings {
  host: string;
  port: number;
  seed: number;
  stateFile?: string;
  faults: FaultRule[];
  /** The demo key pair first, then AWS_KMS_ACCESS_KEYS, then `--access-key` flags. */
  accessKeys: AccessKey[];
  demoAccountId: string;
}

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/**
 * Settings from the environment, overridden by flags: `--port`, `--host`, `--seed`, `--state-file <path>`,
 * `--fault <spec>` (repeatable; adds to AWS_KMS_FAULTS) and `--access-key id:secret:account[:user]` (repeatable).
 */
export function cliSettings(env: SimulatorEnv, awsEnv: AwsKmsEnv, argv: string[]): CliSettings {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      "state-file": { type: "string" },
      fault: { type: "string", multiple: true },
      "access-key": { type: "string", multiple: true },
    },
  });
  const faults = [
    ...parseFaultSpec(awsEnv.AWS_KMS_FAULTS ?? ""),
    ...(values.fault ?? []).flatMap((spec) => parseFaultSpec(spec)),
  ];
  const demo: AccessKey = {
    accessKeyId: awsEnv.AWS_KMS_DEMO_ACCESS_KEY_ID,
    secretAccessKey: awsEnv.AWS_KMS_DEMO_SECRET_ACCESS_KEY,
    accountId: awsEnv.AWS_KMS_DEMO_ACCOUNT_ID,
    userName: "demo",
  };
  const accessKeys = [
    demo,
    ...parseAccessKeys(awsEnv.AWS_KMS_ACCESS_KEYS ?? ""),
    ...(values["access-key"] ?? []).flatMap((spec) => parseAccessKeys(spec)),
  ];
  const stateFile = values["state-file"] ?? awsEnv.AWS_KMS_STATE_FILE;
  return {
    host: values.host ?? env.HOST,
    port: whole("port", values.port, awsEnv.AWS_KMS_PORT),
    seed: whole("seed", values.seed, awsEnv.AWS_KMS_SEED),
    ...(stateFile !== undefined ? { stateFile } : {}),
    faults,
    accessKeys,
    demoAccountId: awsEnv.AWS_KMS_DEMO_ACCOUNT_ID,
  };
}
