#!/usr/bin/env node
// `npm start` on a fresh clone: install what is missing, build the web app if needed, then serve with the demo.
// Plain Node with no dependencies, because it runs before `npm install` has.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./ensure-deps.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`\n"${cmd} ${args.join(" ")}" failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, mtime(path.join(entry.parentPath ?? entry.path, entry.name)));
  }
  return newest;
}

ensureDependencies(root);

const builtAt = mtime(path.join(root, "web", "dist", "index.html"));
const sourcesAt = Math.max(
  newestIn(path.join(root, "web", "src")),
  mtime(path.join(root, "web", "index.html")),
  newestIn(path.join(root, "src")),
);
if (!builtAt || builtAt < sourcesAt) {
  process.stdout.write("Building the web app…\n");
  run(npm, ["run", "--silent", "build"]);
}

const child = spawn(
  process.execPath,
  [path.join(root, "bin", "brandwache.js"), "serve", "--demo", ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
