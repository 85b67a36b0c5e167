import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer } from "./server.ts";

describe("a manager checks the official accounts, records one's security and locks one down", () => {
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

  const card = (handle: string) =>
    page.locator(`[data-testid="account-card"][data-handle="${handle}"]`).first();
  const findings = (handle: string) =>
    card(handle)
      .getByTestId("account-finding")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-code")));
  /** Reloads the page until `selector` shows: ingest is asynchronous, and the page itself asks only every 30 s. */
  const reloadUntilShown = async (selector: string) => {
    const deadline = Date.now() + 30_000;
    while ((await page.locator(selector).count()) === 0) {
      if (Date.now() > deadline) throw new Error(`${selector} did not show within 30 s`);
      await page.waitForTimeout(1_000);
      await page.reload();
      await page.getByTestId("account-card").first().waitFor({ timeout: 15_000 });
    }
    return page.locator(selector).first();
  };
  /** Sends posts through the public ingest API as the signed-in admin, as a connector would. */
  const ingest = (posts: unknown[]) =>
    page.evaluate(async (batch) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      const res = await fetch("/api/posts", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ posts: batch }),
      });
      if (res.status !== 202) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { accepted: number };
    }, posts);

  it("logs in to the demo and opens Accounts from the navigation", async () => {
    await page.goto(`${server.url}/overview`);
    await page.getByTestId("login-email").fill("admin@nordwind-mobil.de");
    await page.getByTestId("login-password").fill("nordwind-demo-2026");
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/overview/);
    await page.getByTestId("nav-accounts").click();
    await page.waitForURL(/\/accounts/);
    await page.getByTestId("account-card").first().waitFor({ timeout: 15_000 });
  });

  it("lists the demo's official accounts with the grades their recorded security earns", async () => {
    const handles = await page
      .getByTestId("account-card")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-handle")));
    expect(handles).toEqual(expect.arrayContaining(["nordwindmobil", "nordwind_hilfe", "nordwind_karriere"]));

    expect(await card("nordwindmobil").getAttribute("data-grade")).toBe("good");
    expect(await card("nordwindmobil").getByTestId("account-grade").textContent()).toBe("Security: Good");
    expect(await card("nordwindmobil").textContent()).toContain("Security key");
    expect(await card("nordwindmobil").textContent()).toContain("all platforms");

    expect(await card("nordwind_hilfe").getAttribute("data-grade")).toBe("attention");
    expect(await card("nordwind_hilfe").getByTestId("account-grade").textContent()).toBe(
      "Security: Needs attention",
    );
    expect(await findings("nordwind_hilfe")).toEqual(
      expect.arrayContaining(["two_factor_sms", "many_posters"]),
    );
    expect(await card("nordwind_hilfe").textContent()).toContain(
      "Two-factor sign-in uses SMS codes, which a SIM swap can take over",
    );

    expect(await card("nordwind_karriere").getAttribute("data-grade")).toBe("unknown");
    expect(await findings("nordwind_karriere")).toEqual(["no_record"]);
    expect(await card("nordwind_karriere").getByTestId("account-security-none").count()).toBe(1);

    const accounts = await page
      .getByTestId("account-figure-accounts")
      .getByTestId("figure-value")
      .textContent();
    expect(Number(accounts)).toBe(await page.getByTestId("account-card").count());
  });

  it("records the careers account's security, and its grade becomes good", async () => {
    // The date inputs take the browser's idea of today; the server counts days since, never negative.
    const today = await page.evaluate(() => new Date().toLocaleDateString("sv-SE"));
    await card("nordwind_karriere").getByTestId("account-edit").click();
    const form = card("nordwind_karriere").getByTestId("account-security-form");
    await form.getByTestId("account-security-owner").fill("Mareike Jansen");
    await form.getByTestId("account-security-two-factor").selectOption("app");
    await form.getByTestId("account-security-recovery").fill("karriere-team@nordwind-mobil.de");
    await form.getByTestId("account-security-recovery-verified").fill(today);
    await form.getByTestId("account-security-access-reviewed").fill(today);
    await form.getByTestId("account-security-save").click();

    await expect
      .poll(() => card("nordwind_karriere").getAttribute("data-grade"), { timeout: 10_000 })
      .toBe("good");
    expect(await card("nordwind_karriere").getByTestId("account-finding").count()).toBe(0);
    expect(await card("nordwind_karriere").textContent()).toContain("Mareike Jansen");
    expect(await card("nordwind_karriere").textContent()).toContain("Authenticator app");
    expect(await page.getByTestId("account-security-form").count()).toBe(0);
  });

  it("lists an impersonator of the support account among the lookalikes, linked to its posts", async () => {
    // The demo's fake support account first posts at minute 8:40; the test sends its post now.
    await ingest([
      {
        platform: "x",
        externalId: "e2e-fake-support-1",
        text: "Wegen der heutigen Netzstörung erhalten alle Nordwind-Kund*innen 50 € Entschädigung. Jetzt innerhalb von 24 Stunden beantragen: https://nordwind-mobil-erstattung.de.example/antrag #Nordwind",
        postedAt: new Date().toISOString(),
        author: {
          handle: "nordwind_hilfe_service",
          displayName: "Nordwind Hilfe ✓",
          followers: 14,
          createdAt: new Date().toISOString(),
        },
        lang: "de",
      },
    ]);
    const row = await reloadUntilShown('[data-testid="lookalike-row"][data-handle="nordwind_hilfe_service"]');
    expect(await row.getAttribute("data-platform")).toBe("x");
    expect(await row.getByTestId("lookalike-posts-link").getAttribute("href")).toBe(
      "/mentions?author=nordwind_hilfe_service&platform=x",
    );
    // Mentions shows that author's posts and nobody else's, with the filter named and removable.
    await row.getByTestId("lookalike-posts-link").click();
    await page.waitForURL(/\/mentions\?author=nordwind_hilfe_service/);
    expect(await page.getByTestId("filter-author").textContent()).toContain("@nordwind_hilfe_service");
    await expect
      .poll(() => page.getByTestId("post-item").allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining("Entschädigung")]);
    await page.getByTestId("nav-accounts").click();
    await page.waitForURL(/\/accounts/);
    await card("nordwindmobil").waitFor();
  });

  it("starts a lockdown from an account's card after confirming, and lands on the incident with its tasks", async () => {
    await card("nordwindmobil").getByTestId("lockdown-start").click();
    await page.getByTestId("lockdown-confirm").click();
    await page.waitForURL(/\/incidents\/[^/?#]+$/, { timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId("incident-task").allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("Secure the account")]));
  });

  it("raises the takeover alert when an own account insults its followers, quoting the post as plain text", async () => {
    await ingest([
      {
        platform: "x",
        externalId: "e2e-hijacked-1",
        text: "<b>Ihr seid alle Idioten</b>, wir machen euch fertig. Nordwind ist am Ende.",
        postedAt: new Date().toISOString(),
        author: { handle: "nordwind_hilfe", displayName: "Nordwind Hilfe", followers: 12900 },
        lang: "de",
      },
    ]);
    await page.getByTestId("nav-accounts").click();
    await page.waitForURL(/\/accounts/);
    const alert = await reloadUntilShown('[data-testid="takeover-alert"][data-handle="nordwind_hilfe"]');
    const excerpt = alert.getByTestId("takeover-excerpt").first();
    expect(await excerpt.textContent()).toContain("<b>Ihr seid alle Idioten</b>");
    expect(await excerpt.locator("b").count()).toBe(0);
    expect(await card("nordwind_hilfe").getAttribute("data-takeover")).toBe("true");
    expect(
      Number(await page.getByTestId("account-figure-takeover").getByTestId("figure-value").textContent()),
    ).toBe(1);
  });

  it("locks the hijacked account down from the alert, with the flagged post attached to the incident", async () => {
    await page
      .locator('[data-testid="takeover-alert"][data-handle="nordwind_hilfe"]')
      .getByTestId("lockdown-start")
      .click();
    await page.getByTestId("lockdown-confirm").click();
    await page.waitForURL(/\/incidents\/[^/?#]+$/, { timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId("incident-task").allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("Secure the account")]));
    await expect
      .poll(() => page.getByTestId("incident-post").allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("Ihr seid alle Idioten")]));
  });

  it("has raised the demo's takeover alert for the account, with the post quoted as text", async () => {
    await page.getByTestId("nav-alerts").click();
    await page.waitForURL(/\/alerts/);
    await expect
      .poll(() => page.getByTestId("alert-item").allTextContents(), { timeout: 20_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /Official account @nordwind_hilfe may be hacked.*<b>Ihr seid alle Idioten<\/b>/s,
          ),
        ]),
      );
  });
});
