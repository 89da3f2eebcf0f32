import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { KEY_JOBS_QUEUE } from "@cckm/queue";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";
import { openQueue } from "../test-support/board-client.ts";
import { findChromium, launchBrowser } from "../test-support/chromium.ts";

const OUTPUT = fileURLToPath(new URL("../../../../test-output/", import.meta.url));
const SCREENSHOT = `${OUTPUT}board-sap-key-jobs.png`;

/** Every CSP violation the page reports, but the one we mean: bull-board's Google Fonts stylesheet. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text) && !text.includes("https://fonts.googleapis.com/")) violations.push(text);
  });
  return violations;
}

const chromium = findChromium();
// CI (.ci/run) installs Chromium and sets CCKM_REQUIRE_CHROMIUM=1: there, a missing browser fails the run.
const required = process.env.CCKM_REQUIRE_CHROMIUM === "1";
// Elsewhere it is reported, never silent: vitest lists the suite as skipped, and this line says why.
if (chromium.path === undefined && !required) console.warn(`board-browser.test.ts skipped: ${chromium.reason}`);
const browserPath = chromium.path ?? "";

describe.skipIf(chromium.path === undefined && !required)("Bull Board in a real browser (headless Chromium)", () => {
  let api: TestApi;
  const jobId = randomUUID();
  beforeAll(async () => {
    if (chromium.path === undefined) throw new Error(`CCKM_REQUIRE_CHROMIUM=1, but ${chromium.reason}`);
    api = await startTestApi();
    await api.createUser("alice", "alice-password", ["CCKM Admins"]);
    const keyJobs = openQueue(api, KEY_JOBS_QUEUE);
    // No worker runs here, so the job stays waiting.
    await keyJobs.add("delete", { jobId }, { jobId });
    await keyJobs.close();
    await mkdir(OUTPUT, { recursive: true });
  });
  afterAll(async () => {
    await api?.close();
  });

  it("signs in, shows sap-key-jobs with its waiting job, and signs out", async () => {
    const browser = await launchBrowser(browserPath);
    try {
      const page = await browser.context.newPage();
      const violations = cspViolations(page);
      await page.goto(`${api.url}/admin/queues`);
      expect(page.url()).toBe(`${api.url}/admin/login`);

      await page.fill("#username", "alice");
      await page.fill("#password", "alice-password");
      await Promise.all([page.waitForURL(`${api.url}/admin/queues`), page.click("button[type=submit]")]);
      const cookies = await browser.context.cookies();
      expect(cookies).toEqual([
        expect.objectContaining({ name: "cckm_board_session", path: "/admin", httpOnly: true, sameSite: "Strict" }),
      ]);

      await page.getByText("sap-sync-jobs", { exact: true }).first().waitFor();
      await page.getByText(KEY_JOBS_QUEUE, { exact: true }).first().click();
      await page.waitForURL(`${api.url}/admin/queues/queue/${KEY_JOBS_QUEUE}`);
      await page.getByText(jobId, { exact: true }).first().waitFor();
      await page.getByText(`"${jobId}"`).first().waitFor();
      await page.screenshot({ path: SCREENSHOT });
      expect(violations).toEqual([]);

      // Sign out from the board's user menu (the last header button): a page with a POST button.
      await page.locator("header button").last().click();
      await page.getByRole("menuitem", { name: "Sign out" }).click();
      await page.waitForURL(`${api.url}/admin/logout`);
      await Promise.all([page.waitForURL(`${api.url}/admin/login`), page.click("button[type=submit]")]);
      expect(await browser.context.cookies()).toEqual([]);
      await page.goto(`${api.url}/admin/queues`);
      expect(page.url()).toBe(`${api.url}/admin/login`);
    } finally {
      await browser.close();
    }
  });

  it("gives CCKM Users the read-only board", async () => {
    await api.createUser("bob", "bob-password", ["CCKM Users"]);
    const browser = await launchBrowser(browserPath);
    try {
      const page = await browser.context.newPage();
      await page.goto(`${api.url}/admin/login`);
      await page.fill("#username", "bob");
      await page.fill("#password", "bob-password");
      await Promise.all([page.waitForURL(`${api.url}/admin/queues`), page.click("button[type=submit]")]);
      await page.getByText("read-only", { exact: true }).waitFor();
      await page.getByText(KEY_JOBS_QUEUE, { exact: true }).first().click();
      await page.getByText(jobId, { exact: true }).first().waitFor();
      await page.screenshot({ path: `${OUTPUT}board-read-only.png` });
    } finally {
      await browser.close();
    }
  });

  it("refuses a browser that has not signed in: pages go to the login page, the JSON API answers 401", async () => {
    const browser = await launchBrowser(browserPath);
    try {
      const page = await browser.context.newPage();
      await page.goto(`${api.url}/admin/queues/queue/${KEY_JOBS_QUEUE}`);
      expect(page.url()).toBe(
        `${api.url}/admin/login?next=${encodeURIComponent(`/admin/queues/queue/${KEY_JOBS_QUEUE}`)}`,
      );
      await page.locator("form[action='/admin/login']").waitFor();
      expect(await page.content()).not.toContain(jobId);

      const queues = await browser.context.request.get(`${api.url}/admin/queues/api/queues`);
      expect(queues.status()).toBe(401);
      const body = await queues.text();
      expect(body).not.toContain(KEY_JOBS_QUEUE);
      expect(body).not.toContain(jobId);
      const job = await browser.context.request.get(`${api.url}/admin/queues/api/queues/${KEY_JOBS_QUEUE}/${jobId}`);
      expect(job.status()).toBe(401);
    } finally {
      await browser.close();
    }
  });
});
