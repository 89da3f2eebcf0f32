import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO, simulators } from "../testing/harness.ts";
import { loadState } from "./state-file.ts";

const dir = mkdtempSync(join(tmpdir(), "aws-kms-state-"));
const sims = simulators();
afterAll(async () => {
  await sims.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe("state file", () => {
  it("is written on every change (owner-only, no secrets) and restored at the next start", async () => {
    const stateFile = join(dir, "state.json");
    const first = await sims.start({ stateFile });
    expect(first.restored).toBe(false);
    const kms = sims.client(first);
    const { KeyId = "" } = await kms.createKey({ description: "kept" });
    await kms.scheduleKeyDeletion(KeyId, 9);
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(loadState(stateFile))).not.toContain(DEMO.secretAccessKey);
    await first.close();

    const second = await sims.start({ stateFile, seed: 99 });
    expect(second.restored).toBe(true);
    const again = sims.client(second);
    expect(await again.describeKey(KeyId)).toMatchObject({ Description: "kept", KeyState: "PendingDeletion" });
    const { KeyId: next = "" } = await again.createKey();
    expect((await again.listKeys()).map((k) => k.KeyId).at(-1)).toBe(next); // creation order goes on
  });

  it("refuses a damaged file", () => {
    const path = join(dir, "damaged.json");
    writeFileSync(path, JSON.stringify({ format: 1, keys: "no" }));
    expect(() => loadState(path)).toThrowError(/not valid/);
  });
});
