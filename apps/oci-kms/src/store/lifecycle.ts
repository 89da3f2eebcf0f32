import { incorrectState } from "../http/errors.ts";
import type { KeyRecord, KeyState, KeyVersionRecord, Transition } from "./records.ts";

/** When "now" is and how long a transitional state lasts; both come from the simulator's options. */
export interface Timing {
  now: number;
  delayMs: number;
}

interface HasState {
  state: KeyState;
  transition?: Transition;
}

/** Puts a record in its transitional state; it moves on to `to` once `delayMs` passed (at the next settle). */
export function begin(item: HasState, transitional: KeyState, to: KeyState, timing: Timing): void {
  item.state = transitional;
  item.transition = { to, at: timing.now + timing.delayMs };
}

function settleOne(item: HasState, now: number): boolean {
  if (item.transition === undefined || item.transition.at > now) return false;
  item.state = item.transition.to;
  delete item.transition;
  return true;
}

/**
 * Applies every transition that is due: the key's own, its versions' (a version that becomes ENABLED
 * is the key's current version from then on, as a finished rotation), and a pending deletion whose
 * time came (DELETED). Returns whether anything changed.
 */
export function settleKey(key: KeyRecord, now: number): boolean {
  let changed = settleOne(key, now);
  if (key.state !== "SCHEDULING_DELETION" && key.state !== "PENDING_DELETION" && key.transition === undefined) {
    delete key.stateBeforeDeletion;
  }
  for (const version of key.versions) {
    if (settleOne(version, now)) {
      changed = true;
      if (version.state === "ENABLED") key.currentKeyVersion = version.id;
    }
  }
  if (key.state === "PENDING_DELETION" && key.timeOfDeletion !== undefined && Date.parse(key.timeOfDeletion) <= now) {
    key.state = "DELETED";
    for (const version of key.versions) version.state = "DELETED";
    changed = true;
  }
  return changed;
}

/** The key actions and the states they start from, pass through and end in. */
export const KEY_ACTIONS = {
  enable: { from: ["DISABLED"], via: "ENABLING", to: "ENABLED" },
  disable: { from: ["ENABLED"], via: "DISABLING", to: "DISABLED" },
  scheduleDeletion: { from: ["ENABLED", "DISABLED"], via: "SCHEDULING_DELETION", to: "PENDING_DELETION" },
  cancelDeletion: { from: ["PENDING_DELETION"], via: "CANCELLING_DELETION", to: "ENABLED" },
} as const satisfies Record<string, { from: readonly KeyState[]; via: KeyState; to: KeyState }>;

export type KeyAction = keyof typeof KEY_ACTIONS;

/**
 * Starts an action on a settled key, or throws 409 IncorrectState. A cancelled deletion goes back
 * to the state the key had before it was scheduled (OCI: "restores the key's lifecycle state to
 * what it was before its scheduled deletion").
 */
export function startKeyAction(key: KeyRecord, action: KeyAction, timing: Timing, timeOfDeletion?: string): void {
  const rule = KEY_ACTIONS[action];
  if (!(rule.from as readonly KeyState[]).includes(key.state)) throw incorrectState("key", key.state, action);
  if (action === "scheduleDeletion") {
    key.stateBeforeDeletion = key.state;
    if (timeOfDeletion !== undefined) key.timeOfDeletion = timeOfDeletion;
    begin(key, rule.via, rule.to, timing);
  } else if (action === "cancelDeletion") {
    const back = key.stateBeforeDeletion ?? rule.to;
    delete key.timeOfDeletion;
    begin(key, rule.via, back, timing);
  } else {
    begin(key, rule.via, rule.to, timing);
  }
}

/** A new version starts CREATING and is ENABLED (and current) once settled; the key must be ENABLED. */
export function startNewVersion(key: KeyRecord, version: KeyVersionRecord, timing: Timing): void {
  if (key.state !== "ENABLED") throw incorrectState("key", key.state, "create a key version");
  begin(version, "CREATING", "ENABLED", timing);
  key.versions.push(version);
}
