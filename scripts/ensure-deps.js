#!/usr/bin/env node
// Installs the dependencies when they are missing or older than package-lock.json, so that `npm start` and
// `npm test` work on a fresh clone. Plain Node with no dependencies, because it runs before `npm install` has.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Runs `npm ci` (nothing installed) or `npm install` (out of date) in `root`; exits the process if it fails. */
export function ensureDependencies(root) {
  // npm writes node_modules/.package-lock.json on every install: older than the lock file means out of date.
  const installed = mtime(path.join(root, "node_modules", ".package-lock.json"));
  if (installed && installed >= mtime(path.join(root, "package-lock.json"))) return;
  process.stdout.write("Installing dependencies (first run only)…\n");
  const args = installed ? ["install", "--no-audit", "--no-fund"] : ["ci", "--no-audit", "--no-fund"];
  const result = spawnSync(npm, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`\n"${npm} ${args.join(" ")}" failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureDependencies(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
}
