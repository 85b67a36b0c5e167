// Lighthouse accessibility audit of every page of the web app, signed in to the demo workspace.
// Fails when a page scores below 90. Usage: npm run check:a11y (after npm run build).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromiumPath, startServer } from "../test/e2e/server.ts";

const minimum = 90;
const pages = [
  "/login",
  "/overview",
  "/mentions",
  "/mentions?sort=priority&risk=complaint",
  "/alerts",
  "/incidents",
  "/stakeholders",
  "/accounts",
  "/training",
  "/settings",
  "/settings?tab=users",
  "/settings?tab=tokens",
  "/settings?tab=risk",
  "/settings?tab=alerts",
  "/settings?tab=connectors",
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
  for (const page of pages) {
    const signedIn = page !== "/login";
    const result = await lighthouse(`${server.url}${page}`, {
      port: chrome.port,
      onlyCategories: ["accessibility"],
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
      `${score >= minimum ? "ok  " : "FAIL"} ${String(score).padStart(3)}  ${page}${failed.length ? `  (failed audits: ${failed.join(", ")})` : ""}\n`,
    );
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
