import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn, startServer } from "./server.ts";

describe("a crisis exercise: a trainer and two trainees play a scenario, then read the debrief", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let trainer: Page;
  let lead: Page;
  let comms: Page;
  let joinLink = "";
  let consoleUrl = "";

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = (locale: string) => browser.newContext({ locale, acceptDownloads: true });
    trainer = await (await context("en-US")).newPage();
    lead = await (await context("de-DE")).newPage();
    comms = await (await context("en-US")).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the demo workspace offers an exercise to try; the trainer starts a new one from the library", async () => {
    await signIn(trainer, `${server.url}/training`, "admin@nordwind-mobil.de");
    await trainer.waitForURL(/\/training/);
    // The demo's own exercise waits in the lobby.
    await trainer.getByText("A complaint escalates").first().waitFor({ timeout: 15_000 });
    await expect.poll(() => trainer.getByTestId("scenario-card").count()).toBeGreaterThanOrEqual(10);
    await trainer
      .locator('[data-testid="scenario-card"][data-scenario="complaint-escalates"]')
      .getByTestId("start-exercise")
      .click();
    await trainer.getByTestId("exercise-lang").selectOption("en");
    await trainer.getByTestId("exercise-teams").fill("Team North");
    await trainer.getByTestId("exercise-speed").selectOption("5");
    await trainer.getByTestId("exercise-create").click();
    await trainer.waitForURL(/\/training\/exercises\/[^/]+$/, { timeout: 15_000 });
    consoleUrl = trainer.url();
    joinLink = ((await trainer.getByTestId("join-link").textContent()) ?? "").trim();
    expect(joinLink).toMatch(/\/training\/join\/\S+$/);
  });

  it("two trainees join by link with their incident roles and land in the marked exercise workspace", async () => {
    for (const [page, email, role] of [
      [lead, "jonas.weber@nordwind-mobil.de", "lead"],
      [comms, "mia.schulz@nordwind-mobil.de", "communications"],
    ] as const) {
      await signIn(page, `${server.url}/overview`, email);
      await page.waitForURL(/\/overview/);
      await page.goto(joinLink);
      await page.getByTestId("join-role").selectOption(role);
      await page.getByTestId("join-submit").click();
      await page.waitForURL(/\/inbox/, { timeout: 15_000 });
      await page.getByTestId("training-banner").waitFor({ timeout: 15_000 });
    }
    expect(await comms.getByTestId("training-banner").textContent()).toContain("EXERCISE");
    expect(await lead.getByTestId("training-banner").textContent()).toContain("ÜBUNG");
    // The trainer sees both in the team.
    await trainer.reload();
    await expect.poll(() => trainer.getByText("Mia Schulz").count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it("the trainer starts the clock; the complaint reaches the trainees' inbox", async () => {
    await trainer.getByTestId("exercise-start").click();
    await trainer.getByTestId("exercise-pause").waitFor({ timeout: 10_000 });
    const complaint = comms.getByTestId("conversation-item").first();
    await expect
      .poll(
        async () => {
          await comms.reload();
          // The list loads after the page: give it a moment before counting.
          await complaint.waitFor({ timeout: 8_000 }).catch(() => {});
          return complaint.count();
        },
        // On a cold start the pipeline first works off the demo stream's catch-up, then the inbox sync runs.
        { timeout: 180_000, interval: 3_000 },
      )
      .toBeGreaterThan(0);
  }, 240_000);

  it("communications answers, the lead approves, the reply goes out into the simulation", async () => {
    await comms.getByTestId("conversation-item").first().locator("a").first().click();
    await comms.waitForURL(/\/inbox\/[^/]+$/);
    await comms
      .getByTestId("reply-text")
      .fill(
        "Dear Ms Krause, we are very sorry! We are on it and will refund the double charge. Please send us your customer number by direct message.",
      );
    await comms.getByTestId("reply-submit").click();
    await expect
      .poll(() => comms.getByTestId("draft-status").first().textContent(), { timeout: 15_000 })
      .toMatch(/approval/i);

    await lead.goto(`${server.url}/publishing`);
    const approve = lead.getByTestId("draft-approve").first();
    await approve.waitFor({ timeout: 15_000 });
    await approve.click();
    await expect.poll(() => lead.getByTestId("draft-approve").count(), { timeout: 15_000 }).toBe(0);
    await comms.reload();
    const reply = comms.getByTestId("draft-card").filter({ hasText: "Dear Ms Krause" }).first();
    await expect
      .poll(() => reply.getByTestId("draft-state").textContent(), { timeout: 15_000 })
      .toMatch(/sent/i);
  });

  it("the trainer sees every action live, then ends the exercise", async () => {
    await trainer.goto(consoleUrl);
    await expect
      .poll(() => trainer.getByTestId("feed-item").allTextContents(), { timeout: 20_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Approved/),
          expect.stringMatching(/Sent \(simulated\)/),
        ]),
      );
    await trainer.getByRole("button", { name: "End exercise" }).click();
    await trainer.getByTestId("confirm-yes").click();
    await trainer
      .getByRole("link", { name: /debrief/i })
      .first()
      .waitFor({ timeout: 15_000 });
  });

  it("the debrief scores the team, shows injects and actions side by side, and issues certificates", async () => {
    await trainer.goto(`${consoleUrl}/debrief`);
    await trainer.getByTestId("debrief-score").first().waitFor({ timeout: 15_000 });
    const score = Number(
      (await trainer.getByTestId("debrief-score").first().textContent())?.match(/\d+(\.\d+)?/)?.[0],
    );
    expect(score).toBeGreaterThan(50);
    const page = (await trainer.content()).toString();
    expect(page).toContain("Sent (simulated)");
    // The scenario's posts (in the exercise's language) sit beside what the team did.
    expect(page).toContain("charged my monthly instalment TWICE");
    await expect.poll(() => trainer.getByTestId("debrief-participant").count()).toBe(2);
    const [download] = await Promise.all([
      trainer.waitForEvent("download"),
      trainer
        .getByTestId("debrief-participant")
        .filter({ hasText: "Mia Schulz" })
        .getByTestId("certificate-en")
        .click(),
    ]);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    // A trainee reads the same debrief from their banner and gets their own certificate.
    await comms.reload();
    await comms.getByTestId("banner-debrief").click();
    await comms.getByTestId("debrief-score").first().waitFor({ timeout: 15_000 });
    const [own] = await Promise.all([
      comms.waitForEvent("download"),
      comms
        .getByTestId("debrief-participant")
        .filter({ hasText: "Mia Schulz" })
        .getByTestId("certificate-en")
        .click(),
    ]);
    expect((await readFile(await own.path())).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
