import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHROMIUM_INSTALL, findChromium } from "./chromium.ts";

describe("findChromium", () => {
  it("takes CHROMIUM_PATH, then chromium or chromium-browser on PATH, and says how to install one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cckm-chromium-"));
    try {
      const browser = join(dir, "chromium-browser");
      await writeFile(browser, "#!/bin/sh\n", { mode: 0o755 });
      expect(findChromium({ PATH: `/nonexistent:${dir}` })).toEqual({ path: browser });
      expect(findChromium({ CHROMIUM_PATH: browser, PATH: "" })).toEqual({ path: browser });
      const missing = findChromium({ CHROMIUM_PATH: join(dir, "nope"), PATH: dir });
      expect(missing).toMatchObject({ path: undefined, reason: expect.stringContaining("not an executable") });
      const none = findChromium({ PATH: "/nonexistent" });
      expect(none).toMatchObject({ path: undefined, reason: expect.stringContaining(CHROMIUM_INSTALL) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
