import { type Browser, chromium, type Page } from "playwright-core";

/** What an evidence rendering shows; every value is plain text and is set with `textContent`, never as markup. */
export interface EvidenceView {
  /** The heading, e.g. "Beweissicherung / Evidence: Beitrag auf mastodon". */
  title: string;
  platform: string;
  authorHandle: string;
  authorDisplayName: string;
  postedAt: string;
  /** When the author last edited the post, or "—". */
  editedAt: string;
  firstSeenAt: string;
  postUrl: string;
  profileUrl: string;
  text: string;
  metrics: string;
  /** Earlier versions of an edited post, oldest first (the section is left out when there are none). */
  revisions: { writtenAt: string; text: string }[];
  thread: { relation: string; author: string; postedAt: string; text: string }[];
  capturedAt: string;
  capturedBy: string;
  snapshotSha256: string;
}

/** A rendering failed: no browser at the path, a crash, or the time limit. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderError";
  }
}

/** Where Chromium is and how long one rendering may take. */
export interface RenderOptions {
  executablePath: string;
  /** Default 20 s. */
  timeoutMs?: number;
}

// A fixed template: no value of the post is ever part of this string. The CSP forbids every load and
// every script of the page's own; the data is set afterwards through the DevTools protocol.
const template = `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Beweissicherung / Evidence</title>
<style>
  body { font: 13px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 24px; width: 760px; }
  h1 { font-size: 18px; margin: 0 0 12px; }
  dl { display: grid; grid-template-columns: 190px 1fr; gap: 4px 12px; margin: 0 0 16px; }
  dt { color: #444; } dd { margin: 0; overflow-wrap: anywhere; }
  #text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #999; padding: 12px; margin: 0 0 16px; font-size: 14px; }
  h2 { font-size: 14px; margin: 16px 0 6px; }
  .thread-item { border-left: 3px solid #bbb; padding: 4px 10px; margin: 0 0 8px; }
  .thread-meta { color: #444; font-size: 12px; }
  .thread-text { white-space: pre-wrap; overflow-wrap: anywhere; }
  footer { border-top: 1px solid #999; margin-top: 20px; padding-top: 8px; font-size: 11px; color: #333; overflow-wrap: anywhere; }
</style></head>
<body>
<h1 id="title"></h1>
<dl>
  <dt>Plattform / Platform</dt><dd id="platform"></dd>
  <dt>Konto / Account</dt><dd id="author"></dd>
  <dt>Profil-URL / Profile URL</dt><dd id="profileUrl"></dd>
  <dt>Beitrags-URL / Post URL</dt><dd id="postUrl"></dd>
  <dt>Veröffentlicht / Posted</dt><dd id="postedAt"></dd>
  <dt>Bearbeitet / Edited</dt><dd id="editedAt"></dd>
  <dt>Zuerst gesehen / First seen</dt><dd id="firstSeenAt"></dd>
  <dt>Kennzahlen / Metrics</dt><dd id="metrics"></dd>
</dl>
<div id="text"></div>
<section id="revisions-section" hidden>
<h2>Frühere Fassungen / Earlier versions</h2>
<div id="revisions"></div>
</section>
<h2>Kontext / Thread context</h2>
<div id="thread"></div>
<footer>
  <div>Gesichert / Captured: <span id="capturedAt"></span> — <span id="capturedBy"></span></div>
  <div>SHA-256 snapshot.json: <span id="snapshotSha256"></span></div>
</footer>
</body></html>`;

// Sets every value of the view with textContent (text only, never markup). Kept as source text because
// it runs in the page: a transpiled function would carry helpers of the Node side (tsx adds `__name`).
const fillTemplate = `(data) => {
  const fields = {
    title: data.title,
    platform: data.platform,
    author: data.authorDisplayName ? "@" + data.authorHandle + " (" + data.authorDisplayName + ")" : "@" + data.authorHandle,
    profileUrl: data.profileUrl,
    postUrl: data.postUrl,
    postedAt: data.postedAt,
    editedAt: data.editedAt,
    firstSeenAt: data.firstSeenAt,
    metrics: data.metrics,
    text: data.text,
    capturedAt: data.capturedAt,
    capturedBy: data.capturedBy,
    snapshotSha256: data.snapshotSha256,
  };
  for (const [id, value] of Object.entries(fields)) {
    const el = document.getElementById(id);
    if (el) el.textContent = String(value);
  }
  const revisions = document.getElementById("revisions");
  for (const version of data.revisions) {
    const box = document.createElement("div");
    box.className = "thread-item";
    const meta = document.createElement("div");
    meta.className = "thread-meta";
    meta.textContent = version.writtenAt;
    const text = document.createElement("div");
    text.className = "thread-text";
    text.textContent = version.text;
    box.append(meta, text);
    revisions.append(box);
  }
  if (data.revisions.length > 0) document.getElementById("revisions-section").hidden = false;
  const thread = document.getElementById("thread");
  if (data.thread.length === 0) thread.textContent = "\u2014";
  for (const item of data.thread) {
    const box = document.createElement("div");
    box.className = "thread-item";
    const meta = document.createElement("div");
    meta.className = "thread-meta";
    meta.textContent = item.relation + " \u00b7 " + item.author + " \u00b7 " + item.postedAt;
    const text = document.createElement("div");
    text.className = "thread-text";
    text.textContent = item.text;
    box.append(meta, text);
    thread.append(box);
  }
}`;

const launchArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// One browser per process, launched on first use and reused; a crashed one is replaced.
let browser: { path: string; ready: Promise<Browser> } | null = null;

function browserAt(executablePath: string): Promise<Browser> {
  if (browser && browser.path === executablePath) return browser.ready;
  const previous = browser;
  const ready = (async () => {
    if (previous) await previous.ready.then((b) => b.close()).catch(() => {});
    const launched = await chromium.launch({ executablePath, args: launchArgs, timeout: 20_000 });
    launched.on("disconnected", () => {
      if (browser?.ready === ready) browser = null;
    });
    return launched;
  })();
  browser = { path: executablePath, ready };
  ready.catch(() => {
    if (browser?.ready === ready) browser = null;
  });
  return ready;
}

/** Closes this process's browser, if one was launched (call on shutdown). */
export async function closeRenderer(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await current.ready.then((b) => b.close()).catch(() => {});
}

async function onPage<T>(
  b: Browser,
  view: EvidenceView,
  signal: { timedOut: boolean },
  use: (page: Page) => Promise<T>,
): Promise<T> {
  // Offline and every request refused: the page has nothing to load, and nothing in it may reach out.
  const context = await b.newContext({ offline: true, viewport: { width: 808, height: 600 } });
  try {
    await context.route("**/*", (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(template, { waitUntil: "load" });
    // The filler is page source of its own (see `fillTemplate`); the view goes in as an argument, never as source.
    const fill = await page.evaluateHandle(fillTemplate);
    await fill.evaluate((fn, data) => (fn as unknown as (d: typeof data) => void)(data), view);
    if (signal.timedOut) throw new RenderError("rendering timed out");
    return await use(page);
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * Fills the fixed evidence template with the view in headless Chromium and hands the page to `use`
 * (offline, every request refused); throws RenderError on failure or after the time limit (default 20 s).
 */
export async function withEvidencePage<T>(
  view: EvidenceView,
  opts: RenderOptions,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const signal = { timedOut: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      signal.timedOut = true;
      reject(new RenderError(`rendering took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
  });
  try {
    const work = (async () => {
      let b: Browser;
      try {
        b = await browserAt(opts.executablePath);
      } catch (error) {
        throw new RenderError(`Chromium could not be started at ${opts.executablePath}: ${firstLine(error)}`);
      }
      try {
        return await onPage(b, view, signal, use);
      } catch (error) {
        if (error instanceof RenderError) throw error;
        throw new RenderError(`rendering failed: ${firstLine(error)}`);
      }
    })();
    work.catch(() => {});
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/** Renders an evidence view to PNG (whole page) and PDF (A4) in headless Chromium. */
export function renderEvidence(
  view: EvidenceView,
  opts: RenderOptions,
): Promise<{ png: Uint8Array; pdf: Uint8Array }> {
  return withEvidencePage(view, opts, async (page) => {
    const png = await page.screenshot({ type: "png", fullPage: true });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      margin: { top: "12mm", bottom: "12mm" },
    });
    return { png: new Uint8Array(png), pdf: new Uint8Array(pdf) };
  });
}
