import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer } from "./server.ts";

// A news feed as a regional paper publishes it (RSS 2.0, HTML in the description).
function pressFeed(now: Date): string {
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Hanse-Kurier Wirtschaft</title>
    <link>https://hanse-kurier.example/wirtschaft</link>
    <description>Wirtschaftsnachrichten aus dem Norden</description>
    <language>de-DE</language>
    <item>
      <title>Nordwind Mobil: Netzstörung in Hamburg dauert an</title>
      <link>https://hanse-kurier.example/wirtschaft/nordwind-netzstoerung</link>
      <guid isPermaLink="false">hk-2026-4711</guid>
      <pubDate>${minutesAgo(20)}</pubDate>
      <description>&lt;p&gt;Seit dem Morgen können Kundinnen und Kunden von Nordwind Mobil in Hamburg nicht telefonieren.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Nordwind Mobil kündigt Entschädigung an</title>
      <link>https://hanse-kurier.example/wirtschaft/nordwind-entschaedigung</link>
      <guid isPermaLink="false">hk-2026-4712</guid>
      <pubDate>${minutesAgo(5)}</pubDate>
      <description>Betroffene sollen eine Gutschrift für den Ausfalltag erhalten.</description>
    </item>
  </channel>
</rss>`;
}

describe("an admin connects a news feed, polls it and removes it again", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let feed: http.Server;
  let feedUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    feed = http.createServer((req, res) => {
      if (req.url !== "/wirtschaft/feed.xml") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(pressFeed(new Date()));
    });
    await new Promise<void>((resolve) => feed.listen(0, "127.0.0.1", resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/wirtschaft/feed.xml`;
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "en-US" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => feed?.close(resolve));
  });

  const item = (name: string) => page.locator('[data-testid="connector-item"]', { hasText: name });

  it("logs in to the demo and opens Settings → Connectors", async () => {
    await page.goto(`${server.url}/settings?tab=connectors`);
    await page.getByTestId("login-email").fill("admin@nordwind-mobil.de");
    await page.getByTestId("login-password").fill("nordwind-demo-2026");
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/settings\?tab=connectors/);
    await page.getByTestId("connector-form").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("settings-tab-connectors").textContent()).toBe("Connectors");
  });

  it("describes the chosen kind and shows the server's message next to the field it refused", async () => {
    await page.getByTestId("connector-kind").selectOption("rss");
    expect(await page.getByTestId("connector-kind-description").textContent()).toContain(
      "News, blogs, review sites",
    );
    await page.getByTestId("connector-name").fill("Hanse-Kurier Wirtschaft");
    const url = page.getByTestId("connector-config-feedUrl");
    await url.fill("hanse-kurier.example/feed");
    await page.getByTestId("connector-save").click();
    await expect.poll(() => url.getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    expect(await page.getByTestId("connector-item").count()).toBe(0);
  });

  it("adds an RSS connector for the local feed", async () => {
    await page.getByTestId("connector-config-feedUrl").fill(feedUrl);
    await page.getByTestId("connector-save").click();
    await item("Hanse-Kurier Wirtschaft").waitFor({ timeout: 10_000 });
    expect(await item("Hanse-Kurier Wirtschaft").getAttribute("data-kind")).toBe("rss");
    expect(await item("Hanse-Kurier Wirtschaft").getByTestId("connector-kind-title").textContent()).toBe(
      "RSS, Atom and JSON feeds",
    );
    // The add form starts empty again.
    expect(await page.getByTestId("connector-name").inputValue()).toBe("");
  });

  it("polls it now: the health becomes OK and both items are delivered as posts", async () => {
    const connector = item("Hanse-Kurier Wirtschaft");
    const result = connector.getByTestId("connector-poll-result");
    // The runner also polls a new connector within seconds; a poll that meets it running answers 409, so try again.
    for (let attempt = 0; attempt < 5; attempt++) {
      await connector.getByTestId("connector-poll").click();
      await result.waitFor({ timeout: 30_000 });
      if ((await result.getAttribute("data-ok")) === "true") break;
      await page.waitForTimeout(1_000);
    }
    expect(await result.getAttribute("data-ok")).toBe("true");
    expect(await result.textContent()).toMatch(/^Polled: \d+ new posts?\. State: OK\.$/);
    await expect.poll(() => connector.getAttribute("data-state"), { timeout: 10_000 }).toBe("ok");
    expect(await connector.getByTestId("connector-health").textContent()).toBe("OK");
    await expect
      .poll(() => connector.getByTestId("connector-posts-total").getAttribute("data-count"), {
        timeout: 10_000,
      })
      .toBe("2");
    expect(await connector.getByTestId("connector-last-success").textContent()).toMatch(/now|second/);
  });

  it("opens the connector for editing with its feed URL filled in, and cancels", async () => {
    await item("Hanse-Kurier Wirtschaft").getByTestId("connector-edit").click();
    const form = page.getByTestId("connector-form").first();
    expect(await form.getByTestId("connector-config-feedUrl").inputValue()).toBe(feedUrl);
    await form.getByRole("button", { name: "Cancel" }).click();
    await item("Hanse-Kurier Wirtschaft").waitFor();
  });

  it("adds an incoming webhook and shows the endpoint to give to the sender", async () => {
    await page.getByTestId("connector-kind").selectOption("webhook");
    await page.getByTestId("connector-name").fill("CRM tickets");
    await page.getByTestId("connector-secrets-signingSecret").fill("crm-signing-secret-2026");
    await page.getByTestId("connector-save").click();
    const webhook = item("CRM tickets");
    await webhook.waitFor({ timeout: 10_000 });
    const id = await webhook.getAttribute("data-connector-id");
    expect(await webhook.getByTestId("connector-webhook-url").textContent()).toBe(
      `${server.url}/api/connectors/${id}/webhook`,
    );
    expect(await webhook.textContent()).toContain("X-Brandwache-Signature");
    expect(await webhook.getByTestId("connector-poll").count()).toBe(0);
  });

  it("deletes both connectors after asking once more", async () => {
    for (const name of ["Hanse-Kurier Wirtschaft", "CRM tickets"]) {
      await page.getByRole("button", { name: `Delete connector ${name}` }).click();
      await item(name).getByTestId("confirm-yes").click();
      await expect.poll(() => item(name).count(), { timeout: 10_000 }).toBe(0);
    }
    await page.getByText("No connectors yet.").waitFor();
  });
});
