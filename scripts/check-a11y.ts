// Lighthouse accessibility audit of every page of the web app, signed in to the demo workspace.
// Fails when a page scores below 90. Usage: npm run check:a11y (after npm run build).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
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
  "/overview",
  "/mentions",
  "/mentions?sort=priority&risk=complaint",
  "/inbox",
  "/alerts",
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

const server = await startServer();
const chrome = await chromeLauncher.launch({
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
});
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
  for (let attempt = 0; attempt < 60; attempt++) {
    const list = (await (
      await fetch(`${server.url}/api/inbox/conversations`, { headers: { cookie } })
    ).json()) as {
      items: { id: string }[];
    };
    const first = list.items[0];
    if (first) {
      pages.push(`/inbox/${first.id}`);
      break;
    }
    if (attempt === 59) throw new Error("the demo inbox has no conversation after two minutes");
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
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
  pages.push(...exercisePages);
  for (const page of pages.filter((p) => !only || p.includes(only))) {
    if (page === exercisePages[0] && workspace) {
      const switched = await fetch(`${server.url}/api/auth/workspace`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ orgId: workspace }),
      });
      if (!switched.ok) throw new Error(`could not switch into the exercise workspace: ${switched.status}`);
    }
    const signedIn = page !== "/login";
    const pageStarted = performance.now();
    const result = await lighthouse(`${server.url}${page}`, {
      port: chrome.port,
      onlyCategories: ["accessibility"],
      // Accessibility needs the DOM, not the screenshot of the whole page (a second or so a page).
      disableFullPageScreenshot: true,
      logLevel: "error",
      output: "json",
      ...(signedIn ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) throw new Error(`lighthouse returned nothing for ${page}`);
    const score = Math.round((result.lhr.categories.accessibility?.score ?? 0) * 100);
    scores[page] = score;
    const failed = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
    process.stdout.write(
      `${score >= minimum ? "ok  " : "FAIL"} ${String(score).padStart(3)}  ${page} (${((performance.now() - pageStarted) / 1000).toFixed(1)} s)${failed.length ? `  (failed audits: ${failed.join(", ")})` : ""}\n`,
    );
    // Where each failed audit found its problem, so it can be fixed without running Lighthouse by hand.
    for (const id of failed) {
      const items = (
        result.lhr.audits[id]?.details as { items?: { node?: { snippet?: string; explanation?: string } }[] }
      )?.items;
      for (const item of (items ?? []).slice(0, 5)) {
        process.stdout.write(
          `       ${id}: ${item.node?.snippet ?? ""}\n         ${item.node?.explanation?.split("\n")[0] ?? ""}\n`,
        );
      }
    }
    if (score < minimum) failures.push(page);
  }
} finally {
  chrome.kill();
  await server.stop();
}
process.stdout.write(`${JSON.stringify({ minimum, scores })}\n`);
if (failures.length > 0) {
  process.stderr.write(`Pages below ${minimum}: ${failures.join(", ")}\n`);
  process.exit(1);
}
