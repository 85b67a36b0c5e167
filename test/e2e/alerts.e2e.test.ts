import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer } from "./server.ts";

describe("an agent follows an alert from the rule to its posts, and looks at a topic up close", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let alertId: string | null = null;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "en-US" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const alertItem = () => page.locator(`[data-testid="alert-item"][data-alert-id="${alertId}"]`);

  it("logs in to the demo and opens the alert settings", async () => {
    await page.goto(`${server.url}/settings?tab=alerts`);
    await page.getByTestId("login-email").fill("admin@nordwind-mobil.de");
    await page.getByTestId("login-password").fill("nordwind-demo-2026");
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/settings\?tab=alerts/);
    await page.getByTestId("rule-name").waitFor({ timeout: 15_000 });
    // The demo's rules include the weekly situation report, described with its schedule.
    await expect
      .poll(() => page.getByTestId("rule-row").allTextContents(), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining("Situation report every Monday at 08:00 (Europe/Berlin)"),
        ]),
      );
  });

  it("offers the schedule of a situation report and keeps the topic out of it", async () => {
    await page.getByTestId("rule-kind").selectOption("report_digest");
    expect(await page.getByTestId("rule-frequency").inputValue()).toBe("weekly");
    expect(await page.getByTestId("rule-hour").inputValue()).toBe("8");
    expect(await page.getByTestId("rule-topic").count()).toBe(0);
    await page.getByTestId("rule-frequency").selectOption("daily");
    expect(await page.getByTestId("rule-weekday").count()).toBe(0);
    await page.getByTestId("rule-kind").selectOption("level_reached");
    await page.getByTestId("rule-topic").waitFor();
  });

  it("creates a rule that raises an alert for every notable post", async () => {
    await page.getByTestId("rule-name").fill("Every notable post");
    await page.getByTestId("rule-kind").selectOption("priority_post");
    await page.getByTestId("rule-min-priority").fill("0.2");
    await page.getByTestId("rule-save").click();
    await expect
      .poll(() => page.getByTestId("rule-row").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("Every notable post")]));
  });

  it("lists the alert the demo stream raises, with the open count in the navigation", async () => {
    await page.getByTestId("nav-alerts").click();
    await page.waitForURL(/\/alerts/);
    // The demo sends several posts a minute; the page polls every 10 s. The demo's own rules (levels,
    // anomalies) may raise theirs first; this test follows the one of the rule it created.
    const open = page
      .locator('[data-testid="alert-item"][data-state="open"][data-trigger="priority_post"]')
      .first();
    await open.waitFor({ timeout: 90_000 });
    alertId = await open.getAttribute("data-alert-id");
    expect(alertId).toBeTruthy();
    expect(await alertItem().getByRole("heading").textContent()).toBeTruthy();
    await page.getByTestId("nav-alerts").getByTestId("nav-badge").waitFor({ timeout: 20_000 });
  });

  it("acknowledges the alert with one click", async () => {
    await alertItem().getByTestId("alert-acknowledge").click();
    await expect.poll(() => alertItem().getAttribute("data-state"), { timeout: 15_000 }).toBe("acknowledged");
    // Acknowledged: it can be resolved or reopened, no longer acknowledged.
    await alertItem().getByTestId("alert-resolve").waitFor();
    expect(await alertItem().getByTestId("alert-acknowledge").count()).toBe(0);
  });

  it("opens the alert's posts in Mentions, and only those", async () => {
    await alertItem().getByTestId("alert-posts").click();
    await page.waitForURL(/\/mentions\?ids=/);
    const ids = new URL(page.url()).searchParams.get("ids")?.split(",") ?? [];
    expect(ids.length).toBeGreaterThan(0);
    await page.getByTestId("filter-ids").waitFor();
    await page.getByTestId("post-item").first().waitFor({ timeout: 15_000 });
    const shown = await page
      .getByTestId("post-item")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-post-id")));
    expect(shown.every((id) => id !== null && ids.includes(id))).toBe(true);

    await page.getByTestId("filter-ids-clear").click();
    await expect.poll(() => page.url()).not.toContain("ids=");
  });

  it("shows a topic's timeline, level and signals on the Overview, switchable by topic and time span", async () => {
    await page.getByTestId("nav-overview").click();
    await page.waitForURL(/\/overview/);
    const chart = page.getByTestId("topic-timeline");
    await chart.locator("svg").first().waitFor({ timeout: 20_000 });
    expect(Number(await chart.getAttribute("data-steps"))).toBeGreaterThan(0);
    expect(await page.getByTestId("topic-timeline-summary").textContent()).toMatch(/post/);
    await page.getByTestId("topic-level").waitFor();
    await page.getByTestId("new-voices").waitFor();
    await page.getByTestId("campaigns").waitFor();

    const topics = page.getByTestId("escalation-topic");
    const last = topics.last();
    const name = (await last.textContent()) ?? "";
    await last.click();
    await expect.poll(() => page.url()).toContain("topic=");
    await expect
      .poll(() => page.locator("#topic-detail-title").textContent(), { timeout: 15_000 })
      .toContain(name);

    await page.getByTestId("timeline-resolution").getByText("14 days").click();
    await expect.poll(() => page.url()).toContain("res=hour");
    await expect
      .poll(() => page.getByTestId("topic-timeline-summary").textContent(), { timeout: 20_000 })
      .toContain("Last 14 days, per hour");
    await chart.locator("svg").first().waitFor();
  });
});
