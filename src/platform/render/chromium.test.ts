import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeRenderer,
  type EvidenceView,
  RenderError,
  renderEvidence,
  withEvidencePage,
} from "./chromium.ts";

// Tests read the browser's path here (not through src/platform/env.ts, which configures the product).
const executablePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const haveChromium = fs.existsSync(executablePath);
if (!haveChromium) console.warn(`notice: no Chromium at ${executablePath}; the rendering tests are skipped.`);

let requests: string[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    res.end("x");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeRenderer();
  await new Promise((r) => server.close(r));
});

function view(text: string, revisions: EvidenceView["revisions"] = []): EvidenceView {
  return {
    title: "Beweissicherung / Evidence",
    platform: "mastodon",
    authorHandle: "wutbuerger@social.example",
    authorDisplayName: "Wut <b>Bürger</b>",
    postedAt: "2026-11-25 08:30:00 UTC",
    editedAt: revisions.length > 0 ? "2026-11-25 08:40:00 UTC" : "—",
    firstSeenAt: "2026-11-25 08:31:00 UTC",
    postUrl: `${base}/post`,
    profileUrl: `${base}/profile`,
    text,
    metrics: "likes 3",
    revisions,
    thread: [
      {
        relation: "Antwort auf / reply to",
        author: "@nordwind",
        postedAt: "x",
        text: `<img src="${base}/thread">`,
      },
    ],
    capturedAt: "2026-11-25 09:00:00 UTC",
    capturedBy: "user:1",
    snapshotSha256: "a".repeat(64),
  };
}

describe.skipIf(!haveChromium)("renderEvidence with real Chromium", () => {
  const hostile = () =>
    `Betrug! <script>window.__pwned = 1; fetch("${base}/script")</script><img src="${base}/img" onerror="window.__pwned = 2">`;

  it("renders a PNG and a PDF", async () => {
    const { png, pdf } = await renderEvidence(view("Seit drei Tagen kein Netz. Ärgerlich!"), {
      executablePath,
    });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.from(pdf.slice(0, 5)).toString("latin1")).toBe("%PDF-");
  });

  it("shows markup in a post literally as text, runs no script and loads nothing", async () => {
    requests = [];
    const seen = await withEvidencePage(view(hostile()), { executablePath }, (page) =>
      page.evaluate(() => ({
        text: document.getElementById("text")?.textContent,
        author: document.getElementById("author")?.textContent,
        injected: document.querySelectorAll("#text *, #thread img, #author *").length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      })),
    );
    expect(seen).toEqual({
      text: hostile(),
      author: "@wutbuerger@social.example (Wut <b>Bürger</b>)",
      injected: 0,
      pwned: null,
    });
    await renderEvidence(view(hostile()), { executablePath });
    expect(requests).toEqual([]);
  });

  it("shows an edited post's earlier versions as text, and no such section for an unedited one", async () => {
    const earlier = [
      { writtenAt: "2026-11-25 08:30:00 UTC", text: `Der Vorstand <i>lügt</i>! ${hostile()}` },
    ];
    const read = (page: Page) =>
      page.evaluate(() => ({
        hidden: (document.getElementById("revisions-section") as HTMLElement).hidden,
        versions: [...document.querySelectorAll("#revisions .thread-text")].map((el) => el.textContent),
        meta: [...document.querySelectorAll("#revisions .thread-meta")].map((el) => el.textContent),
        edited: document.getElementById("editedAt")?.textContent,
        injected: document.querySelectorAll("#revisions *:not(div)").length,
      }));
    requests = [];
    const edited = await withEvidencePage(view("Der Vorstand irrt.", earlier), { executablePath }, read);
    expect(edited).toEqual({
      hidden: false,
      versions: [earlier[0]?.text],
      meta: ["2026-11-25 08:30:00 UTC"],
      edited: "2026-11-25 08:40:00 UTC",
      injected: 0,
    });
    expect(requests).toEqual([]);
    const plain = await withEvidencePage(view("Unverändert"), { executablePath }, read);
    expect(plain).toMatchObject({ hidden: true, versions: [], edited: "—" });
  });

  it("renders when the server runs under tsx, as bin/brandwache.js does", () => {
    // tsx (esbuild keepNames) wraps named functions with a `__name` helper the page does not have.
    const script = `
      import { register } from "tsx/esm/api";
      register();
      const { renderEvidence, closeRenderer } = await import("./src/platform/render/chromium.ts");
      const view = JSON.parse(process.argv[1]);
      const { png } = await renderEvidence(view, { executablePath: ${JSON.stringify(executablePath)} });
      await closeRenderer();
      process.stdout.write(String(png.length));
    `;
    const run = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", script, JSON.stringify(view("tsx"))],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe("");
    expect(Number(run.stdout)).toBeGreaterThan(1000);
  }, 60_000);

  it("reuses one browser for several renderings", async () => {
    const runs = await Promise.all(
      [1, 2, 3].map((n) => renderEvidence(view(`Beitrag ${n}`), { executablePath })),
    );
    expect(runs.every((r) => r.png.length > 1000)).toBe(true);
  });
});

describe("renderEvidence without a browser", () => {
  it("fails with a RenderError naming the path", async () => {
    const missing = "/nonexistent/chromium";
    await expect(renderEvidence(view("x"), { executablePath: missing })).rejects.toThrow(RenderError);
    await expect(renderEvidence(view("x"), { executablePath: missing })).rejects.toThrow(
      /\/nonexistent\/chromium/,
    );
  });
});

describe("the renderer's configuration", () => {
  it("takes BRANDWACHE_CHROMIUM_PATH, else CHROME_PATH, else /usr/bin/chromium", async () => {
    const { chromiumPathOf, loadEnv } = await import("../env.ts");
    expect(chromiumPathOf(loadEnv({ BRANDWACHE_CHROMIUM_PATH: "/opt/c", CHROME_PATH: "/x" }))).toBe("/opt/c");
    expect(chromiumPathOf(loadEnv({ CHROME_PATH: "/usr/bin/chromium-browser" }))).toBe(
      "/usr/bin/chromium-browser",
    );
    expect(chromiumPathOf(loadEnv({}))).toBe("/usr/bin/chromium");
  });

  it("accepts only http and https time-stamping authorities", async () => {
    const { loadEnv } = await import("../env.ts");
    expect(loadEnv({ BRANDWACHE_TSA_URL: "https://freetsa.org/tsr" }).BRANDWACHE_TSA_URL).toBe(
      "https://freetsa.org/tsr",
    );
    expect(() => loadEnv({ BRANDWACHE_TSA_URL: "ftp://tsa.example" })).toThrow(/BRANDWACHE_TSA_URL/);
  });
});
