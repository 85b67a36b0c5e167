// Lighthouse accessibility audit of every page of the web app, signed in to the demo workspace.
// Fails when a page scores below 90. Usage: npm run check:a11y (after npm run build).
import { Worker } from "node:worker_threads";
import * as chromeLauncher from "chrome-launcher";
import { chromiumPath, startServer } from "../test/e2e/server.ts";
import { scriptArgs } from "./lib/args.ts";

const minimum = 90;
const options = scriptArgs(
  "npm run check:a11y --",
  "Starts the demo, audits every page with Lighthouse in headless Chromium (CHROME_PATH) and fails when\na page scores under 90 for accessibility; prints where each failed audit found its problem.",
  { only: { type: "string", value: "TEXT", description: "check only the pages whose path contains TEXT" } },
);
const pages = [
  "/login",
  "/incidents",
  "/playbooks",
  "/publishing",
  "/evidence",
  "/stakeholders",
  "/accounts",
  "/training",
  "/settings",
  "/settings?tab=users",
  "/settings?tab=tokens",
  "/settings?tab=risk",
  "/settings?tab=alerts",
  "/settings?tab=connectors",
  "/settings?tab=inbox",
  "/settings?tab=publishing",
  "/settings?tab=evidence",
];
// Pages that show the demo's live traffic: audited once its simulated posts have arrived (the inbox has a
// conversation), the pages above meanwhile.
const livePages = [
  "/overview",
  "/reports",
  "/mentions",
  "/mentions?sort=priority&risk=complaint",
  "/inbox",
  "/alerts",
];

/** What a lane's worker sends back for one page: the score and where each failed audit found its problem. */
interface PageAudit {
  score: number;
  failed: { id: string; items: { snippet: string; explanation: string }[] }[];
}

// Lighthouse in its own worker thread: it keeps global performance marks, so two runs in one thread clash.
const laneWorker = `
const { parentPort, workerData } = require("node:worker_threads");
parentPort.on("message", async ({ url, flags }) => {
  try {
    const lighthouse = (await import(workerData.lighthouse)).default;
    const result = await lighthouse(url, flags);
    if (!result) throw new Error("lighthouse returned nothing for " + url);
    const failed = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => ({
        id: a.id,
        items: ((a.details && a.details.items) || []).slice(0, 5).map((item) => ({
          snippet: (item.node && item.node.snippet) || "",
          explanation: ((item.node && item.node.explanation) || "").split("\\n")[0],
        })),
      }));
    const score = Math.round(((result.lhr.categories.accessibility || {}).score || 0) * 100);
    parentPort.postMessage({ ok: true, audit: { score, failed } });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String((error && error.stack) || error) });
  }
});
`;

// Two lanes, each a browser and a Lighthouse worker, audit two pages at a time: a run mostly waits for the
// page (about 4 of its 5 seconds), so two lanes nearly halve the wall time without changing what is measured.
const lanes = await Promise.all(
  Array.from({ length: 2 }, async () => ({
    chrome: await chromeLauncher.launch({
      chromePath: chromiumPath,
      chromeFlags: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    }),
    worker: new Worker(laneWorker, {
      eval: true,
      workerData: { lighthouse: import.meta.resolve("lighthouse") },
    }),
  })),
);
type Lane = (typeof lanes)[number];

/** One Lighthouse run in a lane's worker. */
function runLighthouse(lane: Lane, url: string, flags: Record<string, unknown>): Promise<PageAudit> {
  return new Promise((resolve, reject) => {
    // A worker that dies instead of answering fails the page rather than leaving the run waiting.
    const died = (error: unknown) => {
      lane.worker.off("message", answered).off("error", died).off("exit", died);
      reject(
        error instanceof Error
          ? error
          : new Error(`the Lighthouse worker exited (${String(error)}) on ${url}`),
      );
    };
    const answered = (reply: { ok: true; audit: PageAudit } | { ok: false; error: string }) => {
      lane.worker.off("error", died).off("exit", died);
      if (reply.ok) resolve(reply.audit);
      else reject(new Error(reply.error));
    };
    lane.worker.once("message", answered).once("error", died).once("exit", died);
    lane.worker.postMessage({ url, flags: { ...flags, port: lane.chrome.port } });
  });
}
const server = await startServer();
const scores: Record<string, number> = {};
const failures: string[] = [];
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@nordwind-mobil.de", password: "nordwind-demo-2026" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (!cookie.startsWith("bw_session=")) throw new Error(`demo login failed: ${login.status}`);
  // Pages of one object: an incident opened here, and the inbox's first conversation once there is one.
  const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  const incident = (await (
    await fetch(`${server.url}/api/incidents`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": me.csrfToken },
      body: JSON.stringify({ title: "Lighthouse: Störung in Kiel", severity: "sev3" }),
    })
  ).json()) as { id: string };
  pages.push(`/incidents/${incident.id}`);
  // Training: one exercise in the lobby (console and join page), one played to its end (debrief).
  const exercise = async (): Promise<{ id: string; joinCode: string | null }> =>
    (await (
      await fetch(`${server.url}/api/training/exercises`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ scenarioId: "complaint-escalates", lang: "de", teams: ["Team Nord"] }),
      })
    ).json()) as { id: string; joinCode: string | null };
  const lobby = await exercise();
  pages.push(`/training/exercises/${lobby.id}`);
  if (lobby.joinCode) pages.push(`/training/join/${lobby.joinCode}`);
  const played = await exercise();
  for (const control of ["start", "end"]) {
    await fetch(`${server.url}/api/training/exercises/${played.id}/${control}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": me.csrfToken },
      body: "{}",
    });
  }
  pages.push(`/training/exercises/${played.id}`, `/training/exercises/${played.id}/debrief`);
  // The demo's inbox fills as its simulated posts arrive (half a minute or so after the start).
  const firstConversation = (async (): Promise<string> => {
    for (let attempt = 0; attempt < 60; attempt++) {
      const list = (await (
        await fetch(`${server.url}/api/inbox/conversations`, { headers: { cookie } })
      ).json()) as {
        items: { id: string }[];
      };
      const first = list.items[0];
      if (first) return `/inbox/${first.id}`;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    throw new Error("the demo inbox has no conversation after two minutes");
  })();
  // Held until awaited, so a failure while the other pages are audited is reported once, in order.
  firstConversation.catch(() => {});
  const only = options.only;
  // Last: the lobby exercise's workspace, as its trainees see it (the training banner on every page).
  const workspace = (
    (await (
      await fetch(`${server.url}/api/training/exercises/${lobby.id}`, { headers: { cookie } })
    ).json()) as {
      teams: { workspaceId: string }[];
    }
  ).teams[0]?.workspaceId;
  const exercisePages = ["/overview", "/inbox", "/publishing"].map((p) => `${p}#exercise-workspace`);
  const wanted = (list: string[]) => list.filter((p) => !only || p.includes(only));
  // One page's audit, printed as one block when it ends (the lanes finish in any order).
  const audit = async (page: string, lane: Lane): Promise<void> => {
    const signedIn = page !== "/login";
    const pageStarted = performance.now();
    const { score, failed } = await runLighthouse(lane, `${server.url}${page}`, {
      onlyCategories: ["accessibility"],
      // Accessibility needs the DOM, not the screenshot of the whole page (a second or so a page).
      disableFullPageScreenshot: true,
      // Shorter waits than Lighthouse's defaults (a second each, made for timing performance): the audit
      // needs the page rendered with its data, which the network's quiet shows.
      pauseAfterFcpMs: 250,
      pauseAfterLoadMs: 250,
      networkQuietThresholdMs: 500,
      cpuQuietThresholdMs: 500,
      logLevel: "error",
      output: "json",
      ...(signedIn ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    scores[page] = score;
    let report = `${score >= minimum ? "ok  " : "FAIL"} ${String(score).padStart(3)}  ${page} (${((performance.now() - pageStarted) / 1000).toFixed(1)} s)${failed.length ? `  (failed audits: ${failed.map((f) => f.id).join(", ")})` : ""}\n`;
    // Where each failed audit found its problem, so it can be fixed without running Lighthouse by hand.
    for (const { id, items } of failed) {
      for (const item of items) report += `       ${id}: ${item.snippet}\n         ${item.explanation}\n`;
    }
    process.stdout.write(report);
    if (score < minimum) failures.push(page);
  };
  // Every lane takes the next page of the queue until it is empty.
  const auditAll = async (queue: string[]): Promise<void> => {
    const next = [...queue];
    await Promise.all(
      lanes.map(async (lane) => {
        for (let page = next.shift(); page !== undefined; page = next.shift()) await audit(page, lane);
      }),
    );
  };
  await auditAll(wanted(pages));
  await auditAll(wanted([...livePages, await firstConversation]));
  const inExercise = wanted(exercisePages);
  if (inExercise.length > 0 && workspace) {
    const switched = await fetch(`${server.url}/api/auth/workspace`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": me.csrfToken },
      body: JSON.stringify({ orgId: workspace }),
    });
    if (!switched.ok) throw new Error(`could not switch into the exercise workspace: ${switched.status}`);
  }
  await auditAll(inExercise);
} finally {
  for (const lane of lanes) {
    lane.chrome.kill();
    await lane.worker.terminate();
  }
  await server.stop();
}
// Pages in name order: the lanes finish them in any order.
const sorted = Object.fromEntries(Object.entries(scores).sort(([a], [b]) => a.localeCompare(b)));
process.stdout.write(`${JSON.stringify({ minimum, scores: sorted })}\n`);
if (failures.length > 0) {
  process.stderr.write(`Pages below ${minimum}: ${failures.join(", ")}\n`);
  process.exit(1);
}
