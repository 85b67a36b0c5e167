import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer } from "./server.ts";

describe("a manager keeps the stakeholder map: who speaks, which group, friend or foe", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "en-US" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const row = (handle: string) => page.locator(`[data-testid="stakeholder-row"][data-handle="${handle}"]`);

  it("logs in to the demo and opens Stakeholders from the navigation", async () => {
    await page.goto(`${server.url}/overview`);
    await page.getByTestId("login-email").fill("admin@nordwind-mobil.de");
    await page.getByTestId("login-password").fill("nordwind-demo-2026");
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/overview/);
    await page.getByTestId("nav-stakeholders").click();
    await page.waitForURL(/\/stakeholders/);
    await page.getByTestId("stakeholder-row").first().waitFor({ timeout: 15_000 });
  });

  it("shows the demo's named personas with their groups, stances and the figures of the map", async () => {
    const press = row("hansekurier").first();
    expect(await press.getAttribute("data-group")).toBe("press");
    expect(await press.textContent()).toContain("Hanse-Kurier");
    expect(await press.textContent()).toContain("Press");
    expect(await press.getByTestId("influence").getAttribute("aria-label")).toMatch(/^Influence [1-5] of 5$/);

    const support = row("nordwind_hilfe").first();
    expect(await support.getAttribute("data-group")).toBe("official_account");
    expect(await support.textContent()).toContain("Official accounts");
    expect(await support.getAttribute("data-stance")).toBe("friend");
    expect(await support.getByTestId("stance-badge").textContent()).toBe("Friend");

    const accounts = await page
      .getByTestId("stakeholder-figure-accounts")
      .getByTestId("figure-value")
      .textContent();
    expect(Number(accounts)).toBe(await page.getByTestId("stakeholder-row").count());
  });

  it("filters the map by group, with the filter in the address", async () => {
    await page.getByTestId("stakeholder-filter-group").selectOption("press");
    await expect.poll(() => page.url()).toContain("group=press");
    // The list re-renders after the address changes: poll instead of racing it.
    const groups = () =>
      page.getByTestId("stakeholder-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
    await expect
      .poll(
        async () => {
          const found = await groups();
          return found.length > 0 && found.every((g) => g === "press");
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.getByTestId("stakeholder-filters-clear").click();
    await expect.poll(() => page.url()).not.toContain("group=");
  });

  it("adds an account; its note stays plain text, and adding it twice is refused", async () => {
    await page.getByTestId("stakeholder-add").click();
    await page.getByTestId("stakeholder-platform").selectOption("bluesky");
    await page.getByTestId("stakeholder-handle").fill("@Nordwind_Watch");
    await page.getByTestId("stakeholder-group").selectOption("citizens_movement");
    await page.getByTestId("stakeholder-stance").selectOption("neutral");
    await page.getByTestId("stakeholder-influence").selectOption("2");
    await page.getByTestId("stakeholder-name").fill("Nordwind Watch e.V.");
    await page.getByTestId("stakeholder-note").fill("<b>Organises</b> the protest in Kiel");
    await page.getByTestId("stakeholder-save").click();

    // The server stores handles without "@" and in lower case.
    const added = row("nordwind_watch");
    await added.waitFor({ timeout: 10_000 });
    expect(await added.getAttribute("data-platform")).toBe("bluesky");
    expect(await added.getAttribute("data-stance")).toBe("neutral");
    expect(await added.textContent()).toContain("Citizens' movements");
    expect(await added.getByTestId("influence").getAttribute("aria-label")).toBe("Influence 2 of 5");
    expect(await added.getByTestId("stakeholder-note-text").textContent()).toBe(
      "<b>Organises</b> the protest in Kiel",
    );
    expect(await added.locator("b").count()).toBe(0);

    await page.getByTestId("stakeholder-handle").fill("nordwind_watch");
    await page.getByTestId("stakeholder-save").click();
    await expect
      .poll(() => page.getByText("This account is on the map already.").count(), { timeout: 10_000 })
      .toBe(1);
  });

  it("changes the account's stance to foe in place", async () => {
    const added = row("nordwind_watch");
    await added.getByTestId("stakeholder-edit").click();
    const form = page.getByTestId("stakeholder-edit-form");
    await form.getByTestId("stakeholder-edit-stance").selectOption("foe");
    await form.getByTestId("stakeholder-edit-save").click();
    await expect.poll(() => added.getAttribute("data-stance"), { timeout: 10_000 }).toBe("foe");
    expect(await added.getByTestId("stance-badge").textContent()).toBe("Foe");
    expect(await page.getByTestId("stakeholder-edit-form").count()).toBe(0);
  });

  it("removes the account after asking once more", async () => {
    await page.getByRole("button", { name: "Remove @nordwind_watch from the map" }).click();
    await page.getByTestId("confirm-yes").click();
    await expect.poll(() => row("nordwind_watch").count(), { timeout: 10_000 }).toBe(0);
    expect(await row("hansekurier").count()).toBeGreaterThan(0);
  });
});
