import { z } from "zod";
import { invalidState } from "../protocol/aws-error.ts";
import { keyIdInput, keyIdMember } from "./inputs.ts";
import { arnOf, epochSeconds } from "./key-metadata.ts";
import { findKey } from "./key-ref.ts";
import { defineOperation } from "./operation.ts";
import { ALLOWED, requireState } from "./state-rules.ts";

const DAY = 86_400_000;

const scheduleInput = z.object({ KeyId: keyIdMember, PendingWindowInDays: z.number().int().min(7).max(30).optional() });

/**
 * ScheduleKeyDeletion: the key goes to PendingDeletion (disabled) and is deleted after
 * `PendingWindowInDays` (7-30, default 30). A key already pending deletion is KMSInvalidStateException.
 */
export const scheduleKeyDeletion = defineOperation({
  name: "ScheduleKeyDeletion",
  input: scheduleInput,
  handle: (body: z.infer<typeof scheduleInput>, call) => {
    const key = findKey(call, body.KeyId);
    requireState(key, ALLOWED.ScheduleKeyDeletion ?? []);
    const days = body.PendingWindowInDays ?? 30;
    call.ctx.store.updateKey(key, (k) => {
      k.state = "PendingDeletion";
      k.deletionDate = call.now + days * DAY;
      k.pendingWindowInDays = days;
    });
    return {
      KeyId: arnOf(key),
      DeletionDate: epochSeconds(key.deletionDate ?? call.now),
      KeyState: "PendingDeletion",
      PendingWindowInDays: days,
    };
  },
});

/**
 * CancelKeyDeletion: a key pending deletion becomes Disabled (PendingImport for an EXTERNAL key,
 * whose material the simulator never has); any other key is KMSInvalidStateException.
 */
export const cancelKeyDeletion = defineOperation({
  name: "CancelKeyDeletion",
  input: keyIdInput,
  handle: (body, call) => {
    const key = findKey(call, body.KeyId);
    if (key.state !== "PendingDeletion") throw invalidState(`${arnOf(key)} is not pending deletion.`);
    call.ctx.store.updateKey(key, (k) => {
      k.state = k.origin === "EXTERNAL" ? "PendingImport" : "Disabled";
      delete k.deletionDate;
      delete k.pendingWindowInDays;
    });
    return { KeyId: arnOf(key) };
  },
});
