import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

// Test-only: the browser tests drive the system's Chromium through playwright-core.

export const CHROMIUM_INSTALL = "apt-get install -y chromium";
const NAMES = ["chromium", "chromium-browser"];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where Chromium is: CHROMIUM_PATH when set (it must be there), else the first of `chromium`,
 * `chromium-browser` on PATH. `reason` says why there is none, with the install command.
 */
export function findChromium(
  env: Record<string, string | undefined> = process.env,
): { path: string } | { path: undefined; reason: string } {
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return { path: env.CHROMIUM_PATH };
    return { path: undefined, reason: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable` };
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    for (const name of NAMES) {
      if (dir && executable(join(dir, name))) return { path: join(dir, name) };
    }
  }
  return {
    path: undefined,
    reason: `no Chromium (CHROMIUM_PATH unset, neither ${NAMES.join(" nor ")} on PATH); install it: ${CHROMIUM_INSTALL}`,
  };
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface TestBrowser {
  context: BrowserContext;
  /** Closes the browser (its process with it) and removes its profile. */
  close(): Promise<void>;
}

/** Headless Chromium (the system's) on a fresh user-data dir, so no cookie survives from another run. */
export async function launchBrowser(executablePath: string): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "cckm-board-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 800 },
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}
