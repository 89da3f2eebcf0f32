import { invalidState } from "../protocol/aws-error.ts";
import type { KeyState } from "../store/key-spec.ts";
import type { KeyRecord } from "../store/records.ts";
import { arnOf } from "./key-metadata.ts";

const IS: Record<KeyState, string> = {
  Enabled: "is enabled.",
  Disabled: "is disabled.",
  PendingDeletion: "is pending deletion.",
  PendingImport: "is pending import.",
};

/** KMSInvalidStateException unless the key is in one of `allowed`, worded as AWS words it. */
export function requireState(key: KeyRecord, allowed: readonly KeyState[]): void {
  if (!allowed.includes(key.state)) throw invalidState(`${arnOf(key)} ${IS[key.state]}`);
}

/** The states an operation accepts, from AWS's "key states and their effect" table. */
export const ALLOWED: Record<string, readonly KeyState[]> = {
  EnableKey: ["Enabled", "Disabled"],
  DisableKey: ["Enabled", "Disabled"],
  ScheduleKeyDeletion: ["Enabled", "Disabled", "PendingImport"],
  CreateAlias: ["Enabled", "Disabled", "PendingImport"],
  EnableKeyRotation: ["Enabled"],
  DisableKeyRotation: ["Enabled"],
};
