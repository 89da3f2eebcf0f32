import { z } from "zod";
import { unsupported } from "../protocol/aws-error.ts";
import { isSymmetric } from "../store/key-spec.ts";
import type { KeyRecord } from "../store/records.ts";
import { keyIdInput, keyIdMember } from "./inputs.ts";
import { arnOf, epochSeconds } from "./key-metadata.ts";
import { findKey } from "./key-ref.ts";
import { type Call, defineOperation } from "./operation.ts";
import { ALLOWED, requireState } from "./state-rules.ts";

const DAY = 86_400_000;

/** Automatic rotation is for symmetric keys with AWS-made material only, as in AWS. */
function rotatable(call: Call, ref: string): KeyRecord {
  const key = findKey(call, ref);
  if (!isSymmetric(key.keySpec)) {
    throw unsupported(`${arnOf(key)} key spec ${key.keySpec} is not valid for this operation.`);
  }
  if (key.origin !== "AWS_KMS")
    throw unsupported(`${arnOf(key)} origin is ${key.origin} which is not valid for this operation.`);
  return key;
}

/** GetKeyRotationStatus: whether automatic rotation is on, its period and next date. */
export const getKeyRotationStatus = defineOperation({
  name: "GetKeyRotationStatus",
  input: keyIdInput,
  handle: (body, call) => {
    const key = rotatable(call, body.KeyId);
    const { enabled, periodInDays, nextRotationDate } = key.rotation;
    return {
      KeyId: arnOf(key),
      KeyRotationEnabled: enabled,
      ...(enabled ? { RotationPeriodInDays: periodInDays } : {}),
      ...(enabled && nextRotationDate !== undefined ? { NextRotationDate: epochSeconds(nextRotationDate) } : {}),
    };
  },
});

const enableInput = z.object({
  KeyId: keyIdMember,
  RotationPeriodInDays: z.number().int().min(90).max(2560).optional(),
});

/** EnableKeyRotation: on an enabled key, every `RotationPeriodInDays` (default 365). */
export const enableKeyRotation = defineOperation({
  name: "EnableKeyRotation",
  input: enableInput,
  handle: (body: z.infer<typeof enableInput>, call) => {
    const key = rotatable(call, body.KeyId);
    requireState(key, ALLOWED.EnableKeyRotation ?? []);
    const periodInDays = body.RotationPeriodInDays ?? 365;
    call.ctx.store.updateKey(key, (k) => {
      k.rotation = { enabled: true, periodInDays, nextRotationDate: call.now + periodInDays * DAY };
    });
    return {};
  },
});

/** DisableKeyRotation: on an enabled key. */
export const disableKeyRotation = defineOperation({
  name: "DisableKeyRotation",
  input: keyIdInput,
  handle: (body, call) => {
    const key = rotatable(call, body.KeyId);
    requireState(key, ALLOWED.DisableKeyRotation ?? []);
    call.ctx.store.updateKey(key, (k) => {
      k.rotation = { enabled: false, periodInDays: k.rotation.periodInDays };
    });
    return {};
  },
});
