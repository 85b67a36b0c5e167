import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn, startServer } from "./server.ts";

describe("from the warning to the proof: alert → incident → playbook → held reply → approval → evidence → bundle", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let approver: Page;
  let incidentUrl = "";

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: "en-US", acceptDownloads: true })).newPage();
    approver = await (await browser.newContext({ locale: "en-US" })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("an admin sets a rule so every notable post raises an alert", async () => {
    await signIn(page, `${server.url}/settings?tab=alerts`, "admin@nordwind-mobil.de");
    await page.waitForURL(/\/settings\?tab=alerts/);
    await page.getByTestId("rule-name").waitFor({ timeout: 15_000 });
    await page.getByTestId("rule-name").fill("Every notable post");
    await page.getByTestId("rule-kind").selectOption("priority_post");
    await page.getByTestId("rule-min-priority").fill("0.2");
    await page.getByTestId("rule-save").click();
    await expect
      .poll(() => page.getByTestId("rule-row").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("Every notable post")]));
  });

  it("opens an incident from the alert, with its posts attached", async () => {
    await page.getByTestId("nav-alerts").click();
    // The alert of the rule above (the demo's level and anomaly rules raise alerts without posts).
    const open = page
      .locator('[data-testid="alert-item"][data-state="open"][data-trigger="priority_post"]')
      .first();
    await open.waitFor({ timeout: 90_000 });
    await open.getByTestId("open-incident").click();
    await page.getByTestId("open-incident-confirm").click();
    await page.waitForURL(/\/incidents\/[^/]+$/, { timeout: 15_000 });
    incidentUrl = page.url();
    await page.getByTestId("incident-timeline").waitFor();
    await expect
      .poll(() => page.getByTestId("incident-timeline").textContent(), { timeout: 15_000 })
      .toMatch(/open/i);
  });

  it("runs the shitstorm playbook, which creates its tasks", async () => {
    await page.getByTestId("playbook-select").selectOption("shitstorm");
    await page.getByTestId("playbook-run").click();
    await expect
      .poll(() => page.getByTestId("incident-task").count(), { timeout: 15_000 })
      .toBeGreaterThan(2);
  });

  it("answers a complaint in the inbox; the promise of a refund holds the draft for approval", async () => {
    await page.getByTestId("nav-inbox").click();
    await page.waitForURL(/\/inbox/);
    const first = page.getByTestId("conversation-item").first();
    await first.waitFor({ timeout: 90_000 });
    await first.locator("a").first().click();
    await page.waitForURL(/\/inbox\/[^/]+$/);
    await page
      .getByTestId("reply-text")
      .fill("Das tut uns leid. Wir erstatten Ihnen die Grundgebühr für diesen Monat.");
    await page.getByTestId("draft-finding").first().waitFor({ timeout: 15_000 });
    await page.getByTestId("reply-submit").click();
    await expect
      .poll(() => page.getByTestId("draft-status").first().textContent(), { timeout: 15_000 })
      .toMatch(/approval/i);
  });

  it("a manager approves it; the author sees it released", async () => {
    await signIn(approver, `${server.url}/publishing`, "lena.hoffmann@nordwind-mobil.de");
    await approver.waitForURL(/\/publishing/);
    const approve = approver.getByTestId("draft-approve").first();
    await approve.waitFor({ timeout: 15_000 });
    await approve.click();
    await expect.poll(() => approver.getByTestId("draft-approve").count(), { timeout: 15_000 }).toBe(0);
    // The conversation lists its replies; this one is now released (by hand: the demo stream has no account to post with).
    await page.reload();
    const reply = page.getByTestId("draft-card").filter({ hasText: "Wir erstatten Ihnen" }).first();
    await expect
      .poll(() => reply.getByTestId("draft-state").textContent(), { timeout: 15_000 })
      .toMatch(/approved|sent/i);
  });

  it("adds a post from Mentions to the open incident", async () => {
    await page.goto(incidentUrl);
    await page.getByTestId("incident-post").first().waitFor({ timeout: 15_000 });
    const attached = await page
      .getByTestId("incident-post")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-post-id")));
    await page.getByTestId("nav-mentions").click();
    await page.getByTestId("post-item").first().waitFor({ timeout: 30_000 });
    const ids = await page
      .getByTestId("post-item")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-post-id")));
    const postId = ids.find((id) => id && !attached.includes(id));
    expect(postId).toBeTruthy();
    const post = page.locator(`[data-testid="post-item"][data-post-id="${postId}"]`);
    await post.getByTestId("attach-incident").click();
    await post.getByRole("status").waitFor({ timeout: 15_000 });
    await page.goto(incidentUrl);
    await page
      .locator(`[data-testid="incident-post"][data-post-id="${postId}"]`)
      .waitFor({ timeout: 15_000 });
  });

  it("captures a post of the incident as evidence and exports the bundle", async () => {
    await page.goto(incidentUrl);
    const capture = page.getByTestId("capture-evidence").first();
    await capture.waitFor({ timeout: 15_000 });
    await capture.click();
    await page.getByTestId("evidence-item").first().waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("evidence-export").click(),
    ]);
    const path = await download.path();
    const { readFile } = await import("node:fs/promises");
    const files = unzipSync(new Uint8Array(await readFile(path)));
    const names = Object.keys(files);
    expect(names).toEqual(
      expect.arrayContaining(["manifest.json", "summary.pdf", "timeline.json", "audit.jsonl"]),
    );
    expect(names.some((n) => n.endsWith("post.pdf"))).toBe(true);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
    expect(JSON.stringify(manifest)).toContain("sha256");
    const timeline = new TextDecoder().decode(files["timeline.json"]);
    expect(timeline).toMatch(/playbook_run/);
    expect(timeline).toMatch(/evidence_captured/);
  });
});
