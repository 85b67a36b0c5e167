// The generic webhook: any system that can send HTTP pushes posts to
// POST /api/connectors/{id}/webhook, signed with HMAC-SHA256 over "<timestamp>.<body>" exactly as
// Brandwache signs its own outgoing webhooks (docs/CONNECTORS.md). Nothing is polled.
import { z } from "zod";
import type { Connector } from "../connector.ts";

const WebhookConfig = z.object({}).strict();
const WebhookSecrets = z
  .object({
    /** The shared secret the sender signs with; at least 16 characters (`openssl rand -hex 32`). */
    signingSecret: z.string().min(16).max(500),
  })
  .strict();

/** Posts pushed by other systems (a CRM, a helpdesk, a scraper of a platform without an API). */
export const webhookConnector: Connector<z.infer<typeof WebhookConfig>, z.infer<typeof WebhookSecrets>> = {
  kind: "webhook",
  platform: "webhook",
  mode: "push",
  title: { de: "Webhook (eingehend)", en: "Webhook (incoming)" },
  description: {
    de: "Andere Systeme senden Beiträge signiert an Brandwache.",
    en: "Other systems push signed posts to Brandwache.",
  },
  config: WebhookConfig,
  secrets: WebhookSecrets,
  pollSeconds: 0,
  async poll(_config, _secrets, cursor) {
    return { posts: [], cursor };
  },
};
