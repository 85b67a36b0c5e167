// Writes the OpenAPI document of the running code to a file and lints it with Redocly's recommended rules.
// Usage: npm run check:openapi [-- --out openapi.json]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/platform/http/app.ts";
import { createLogger } from "../src/platform/logger.ts";
import { openRuntime } from "../src/platform/runtime.ts";
import { scriptArgs } from "./lib/args.ts";

const values = scriptArgs(
  "npm run check:openapi --",
  "Writes the OpenAPI document of the API and lints it with @redocly/cli (recommended rules); exit 1 on errors.",
  {
    out: {
      type: "string",
      value: "FILE",
      description: "where the document is written (default: a temporary file)",
    },
  },
);
const out = values.out ?? path.join(os.tmpdir(), "brandwache-openapi.json");

const runtime = await openRuntime(
  { dataDir: "memory://", BRANDWACHE_BUS: "memory", DATABASE_URL: undefined },
  createLogger("silent"),
  {
    pipeline: false,
  },
);
const app = await buildApp({
  ctx: runtime.ctx,
  env: { BRANDWACHE_SECURE_COOKIES: true, BRANDWACHE_LOGIN_RATE: 10, BRANDWACHE_SESSION_HOURS: 12 },
  metrics: runtime.metrics,
  risk: runtime.risk,
  escalation: runtime.escalation,
  alerting: runtime.alerting,
  connectorPolicy: runtime.connectorPolicy,
  webDist: "/nonexistent",
});
await app.ready();
fs.writeFileSync(out, JSON.stringify(app.swagger(), null, 2));
await app.close();
await runtime.close();

const redocly = path.resolve("node_modules/.bin/redocly");
const result = spawnSync(redocly, ["lint", "--extends", "recommended", "--format", "stylish", out], {
  stdio: "inherit",
});
process.stdout.write(`OpenAPI document: ${out}\n`);
process.exit(result.status ?? 1);
