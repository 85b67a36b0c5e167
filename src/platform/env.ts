import path from "node:path";
import { z } from "zod";
import { parseOutboundAllow } from "./net/outbound.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every setting Brandwache reads from the environment; the README's configuration table mirrors it. */
const EnvSchema = z.object({
  /** HTTP port of `brandwache serve`. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().default("0.0.0.0"),
  /** PostgreSQL URL; when unset, the embedded PGlite database under BRANDWACHE_DATA is used. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Folder of the embedded database and other local state. */
  BRANDWACHE_DATA: z.string().default("./data"),
  /** `memory` (one process) or a NATS URL (`nats://127.0.0.1:4222`) to run the pipeline over JetStream. */
  BRANDWACHE_BUS: z.union([z.literal("memory"), z.url({ protocol: /^nats$/ })]).default("memory"),
  /** Own stream and subjects on a NATS server shared with other installations or test runs (letters, digits, _). */
  BRANDWACHE_NATS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/u, "lower-case letters, digits and _ only, at most 40")
    .optional(),
  /** Seed the demo organisation and play the demo stream (`npm start` sets it). */
  BRANDWACHE_DEMO: bool.default(false),
  /** Log level of the pino logger. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set to false only when serving over plain HTTP on a host other than localhost (browsers drop Secure cookies there). */
  BRANDWACHE_SECURE_COOKIES: bool.default(true),
  /** Login attempts allowed per client address per minute. */
  BRANDWACHE_LOGIN_RATE: z.coerce.number().int().min(1).default(10),
  /** Lifetime of a login session, in hours. */
  BRANDWACHE_SESSION_HOURS: z.coerce.number().int().min(1).default(12),
  /** Address of the app as users reach it, for links in alert e-mails and chat messages. */
  BRANDWACHE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** SMTP server for e-mail alerts, e.g. `smtps://user:password@mail.example.com:465`; e-mail channels fail visibly without it. */
  BRANDWACHE_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender address of alert e-mails. */
  BRANDWACHE_SMTP_FROM: z.string().default("Brandwache <alerts@localhost>"),
  /** Hosts or CIDRs that outgoing webhooks may reach although private (comma-separated, e.g. `10.0.0.0/8,hooks.intra`). */
  BRANDWACHE_OUTBOUND_ALLOW: z
    .string()
    .optional()
    .superRefine((value, issues) => {
      try {
        parseOutboundAllow(value);
      } catch (error) {
        issues.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    }),
  /** Key that seals connector credentials at rest: 32 bytes as base64 or 64 hex digits (`openssl rand -base64 32`). */
  BRANDWACHE_SECRET_KEY: z.string().optional(),
  /** File holding that key; default `<BRANDWACHE_DATA>/secret.key`, created on first start. */
  BRANDWACHE_SECRET_KEY_FILE: z.string().optional(),
  /** Posts of the last 3 hours one process keeps for campaign detection over all topics (~1 KB each); the busiest topics give up their oldest first. */
  BRANDWACHE_CAMPAIGN_POSTS: z.coerce.number().int().min(1000).default(200_000),
  /** Authors one process remembers over all topics to tell first-time voices (~100 bytes each); the busiest topics forget their oldest first. */
  BRANDWACHE_KNOWN_AUTHORS: z.coerce.number().int().min(1000).default(1_000_000),
  /** Minutes between upkeep passes of the embedded database (ANALYZE, every sixth also VACUUM); 0 turns them off. PostgreSQL servers use their autovacuum. */
  BRANDWACHE_DB_MAINTENANCE_MINUTES: z.coerce.number().int().min(0).max(10_080).default(30),
  /** How often alert rules on levels and anomalies are checked, in seconds. */
  BRANDWACHE_ALERT_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Chromium that renders evidence to PNG and PDF; default CHROME_PATH, else `/usr/bin/chromium`. Evidence is captured without renderings when it is missing. */
  BRANDWACHE_CHROMIUM_PATH: z.string().optional(),
  /** Chromium's path as other tools name it; read only as the default of BRANDWACHE_CHROMIUM_PATH. */
  CHROME_PATH: z.string().optional(),
  /** RFC 3161 time-stamping authority for evidence, e.g. `https://freetsa.org/tsr` (an organisation may set its own). */
  BRANDWACHE_TSA_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A folder of the organisation's own training scenarios, offered beside the shipped library. */
  BRANDWACHE_TRAINING_DIR: z.string().optional(),
});

/** Where Chromium is looked for when neither BRANDWACHE_CHROMIUM_PATH nor CHROME_PATH is set. */
export const defaultChromiumPath = "/usr/bin/chromium";

/** The Chromium evidence renderings use: BRANDWACHE_CHROMIUM_PATH, else CHROME_PATH, else /usr/bin/chromium. */
export function chromiumPathOf(env: Partial<Pick<Env, "BRANDWACHE_CHROMIUM_PATH" | "CHROME_PATH">>): string {
  return env.BRANDWACHE_CHROMIUM_PATH ?? env.CHROME_PATH ?? defaultChromiumPath;
}

/** The parsed configuration. */
export type Env = z.infer<typeof EnvSchema> & {
  /** BRANDWACHE_DATA as an absolute path. */
  dataDir: string;
};

/** Thrown at boot with every problem of the environment at once. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses the environment once; the only reader of `process.env` in the code base. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset": a blank line in an .env file should not fail the boot.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.BRANDWACHE_DATA) };
}

/** Names and descriptions of the variables, for `--help` and the README table. */
export const envVariables = Object.keys(EnvSchema.shape) as (keyof z.infer<typeof EnvSchema>)[];
