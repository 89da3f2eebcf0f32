import { describe, expect, it } from "vitest";
import { settleKey, startKeyAction, startNewVersion } from "./lifecycle.ts";
import type { KeyRecord, KeyVersionRecord } from "./records.ts";

const version = (id: string): KeyVersionRecord => ({
  id,
  keyId: "k",
  vaultId: "v",
  compartmentId: "c",
  state: "ENABLED",
  origin: "INTERNAL",
  timeCreated: "2026-01-01T00:00:00.000Z",
  material: Buffer.alloc(32),
});

const key = (): KeyRecord => ({
  id: "k",
  vaultId: "v",
  compartmentId: "c",
  displayName: "k",
  algorithm: "AES",
  length: 32,
  protectionMode: "HSM",
  state: "ENABLED",
  timeCreated: "2026-01-01T00:00:00.000Z",
  currentKeyVersion: "v1",
  freeformTags: {},
  definedTags: {},
  versions: [version("v1")],
});

describe("key lifecycle", () => {
  it("moves through the transitional state once the delay passed", () => {
    const k = key();
    startKeyAction(k, "disable", { now: 1000, delayMs: 500 });
    expect(k.state).toBe("DISABLING");
    expect(settleKey(k, 1499)).toBe(false);
    expect(settleKey(k, 1500)).toBe(true);
    expect(k.state).toBe("DISABLED");
  });

  it("refuses actions from the wrong state with IncorrectState", () => {
    const k = key();
    expect(() => startKeyAction(k, "enable", { now: 0, delayMs: 0 })).toThrowError(
      expect.objectContaining({ code: "IncorrectState" }),
    );
    startKeyAction(k, "disable", { now: 0, delayMs: 10 });
    expect(() => startKeyAction(k, "enable", { now: 5, delayMs: 10 })).toThrowError(/DISABLING/);
  });

  it("cancels a deletion back to the state before it, and deletes once the time of deletion passed", () => {
    const k = key();
    startKeyAction(k, "disable", { now: 0, delayMs: 0 });
    settleKey(k, 0);
    startKeyAction(k, "scheduleDeletion", { now: 0, delayMs: 0 }, new Date(100_000).toISOString());
    settleKey(k, 0);
    expect(k.state).toBe("PENDING_DELETION");
    startKeyAction(k, "cancelDeletion", { now: 0, delayMs: 0 });
    expect(k.state).toBe("CANCELLING_DELETION");
    settleKey(k, 0);
    expect(k.state).toBe("DISABLED");
    expect("timeOfDeletion" in k || "stateBeforeDeletion" in k).toBe(false);
    startKeyAction(k, "scheduleDeletion", { now: 0, delayMs: 0 }, new Date(100_000).toISOString());
    settleKey(k, 99_999);
    expect(k.state).toBe("PENDING_DELETION");
    settleKey(k, 100_000);
    expect(k.state).toBe("DELETED");
    expect(k.versions.every((v) => v.state === "DELETED")).toBe(true);
  });

  it("makes a new version current once it is ENABLED", () => {
    const k = key();
    startNewVersion(k, version("v2"), { now: 0, delayMs: 10 });
    expect(k.versions[1]?.state).toBe("CREATING");
    expect(k.currentKeyVersion).toBe("v1");
    settleKey(k, 10);
    expect(k.currentKeyVersion).toBe("v2");
  });
});
