import { z } from "zod";

/** A connector kind the installation offers, with the settings it takes. */
export const ConnectorKindRead = z.object({
  kind: z.string(),
  platform: z.string(),
  title: z.object({ de: z.string(), en: z.string() }),
  description: z.object({ de: z.string(), en: z.string() }),
  /** JSON Schema of the settings. */
  configSchema: z.record(z.string(), z.unknown()),
  /** JSON Schema of the secrets (write-only). */
  secretsSchema: z.record(z.string(), z.unknown()),
  pollSeconds: z.number().int(),
});
export const ConnectorKindList = z.object({ items: z.array(ConnectorKindRead) });

/** A new connector; settings and secrets are checked against the kind's schemas. */
export const ConnectorCreate = z
  .object({
    kind: z.string().min(1).max(50),
    name: z.string().trim().min(1).max(200),
    config: z.record(z.string(), z.unknown()).default({}),
    /** Tokens and keys; sealed at rest, never returned. */
    secrets: z.record(z.string(), z.unknown()).default({}),
    enabled: z.boolean().default(true),
  })
  .strict();
export type ConnectorCreate = z.infer<typeof ConnectorCreate>;

/** Changes to a connector; new `secrets` replace the old ones whole, absent ones stay. */
export const ConnectorUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.unknown()).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type ConnectorUpdate = z.infer<typeof ConnectorUpdate>;

/** Health of a connector as Settings and /metrics show it. */
export const ConnectorHealth = z.object({
  /**
   * `new` (never ran), `ok`, `live` (a live connection to the platform is open), `rate_limited`, `transient`
   * (retrying), `auth` (credentials refused), `config` (settings refused).
   */
  state: z.enum(["new", "ok", "live", "rate_limited", "transient", "auth", "config"]),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  consecutiveErrors: z.number().int(),
  /** When it is polled next (or retried); while `live`, posts arrive as they are written. */
  nextRunAt: z.string(),
  /** Posts it delivered since it was created. */
  postsTotal: z.number().int(),
});

/** A connector as the API returns it: settings, the names of the secrets that are set, never their values. */
export const ConnectorRead = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  secretsSet: z.array(z.string()),
  health: ConnectorHealth,
  createdAt: z.string(),
});
export type ConnectorRead = z.infer<typeof ConnectorRead>;
export const ConnectorList = z.object({ items: z.array(ConnectorRead) });

/** The outcome of polling a connector now. */
export const ConnectorRunResult = z.object({
  posts: z.number().int(),
  health: ConnectorHealth,
});
