import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium; no browser is downloaded. */
export const chromiumPath = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** Starts `brandwache serve --demo` on a free port with its own data folder; resolves with its URL. */
export async function startServer(): Promise<{ url: string; dataDir: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "brandwache-e2e-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["bin/brandwache.js", "serve", "--demo", "--port", "0"],
    {
      env: {
        ...process.env,
        BRANDWACHE_DATA: dataDir,
        LOG_LEVEL: "warn",
        BRANDWACHE_BUS: "memory",
        DATABASE_URL: "",
        // The connectors e2e test polls a feed it serves itself on 127.0.0.1, which the SSRF guard refuses otherwise.
        BRANDWACHE_OUTBOUND_ALLOW: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The errors a page logs from now on, as they come: console errors (a Content-Security-Policy violation, a
 * failed request) with the URL they came from, and uncaught exceptions.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** Opens `url` and signs in there as a demo member (every demo member has the same password). */
export async function signIn(page: Page, url: string, email: string) {
  await page.goto(url);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill("nordwind-demo-2026");
  await page.getByTestId("login-submit").click();
}
