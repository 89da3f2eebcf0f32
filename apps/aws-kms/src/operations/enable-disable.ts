import { keyIdInput } from "./inputs.ts";
import { findKey } from "./key-ref.ts";
import { defineOperation } from "./operation.ts";
import { ALLOWED, requireState } from "./state-rules.ts";

/** EnableKey: Enabled or Disabled → Enabled; pending deletion or import is KMSInvalidStateException. */
export const enableKey = defineOperation({
  name: "EnableKey",
  input: keyIdInput,
  handle: (body, call) => {
    const key = findKey(call, body.KeyId);
    requireState(key, ALLOWED.EnableKey ?? []);
    if (key.state !== "Enabled") call.ctx.store.updateKey(key, (k) => Object.assign(k, { state: "Enabled" }));
    return {};
  },
});

/** DisableKey: Enabled or Disabled → Disabled; pending deletion or import is KMSInvalidStateException. */
export const disableKey = defineOperation({
  name: "DisableKey",
  input: keyIdInput,
  handle: (body, call) => {
    const key = findKey(call, body.KeyId);
    requireState(key, ALLOWED.DisableKey ?? []);
    if (key.state !== "Disabled") call.ctx.store.updateKey(key, (k) => Object.assign(k, { state: "Disabled" }));
    return {};
  },
});
