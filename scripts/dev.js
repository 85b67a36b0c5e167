#!/usr/bin/env node
// `npm run dev`: the server with reload on change (tsx watch) and Vite's dev server with hot reload on :5173.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const children = [
  spawn(bin("tsx"), ["watch", "src/cli/main.ts", "serve", "--demo"], { cwd: root, stdio: "inherit" }),
  spawn(bin("vite"), ["--config", "web/vite.config.ts"], { cwd: root, stdio: "inherit" }),
];
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children) c.on("exit", stop);
