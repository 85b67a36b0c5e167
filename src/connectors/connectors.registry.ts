// Every connector kind the installation offers.

import { blueskyConnector } from "./bluesky/bluesky.connector.ts";
import type { Connector } from "./connector.ts";
import { mastodonConnector } from "./mastodon/mastodon.connector.ts";
import { facebookConnector } from "./meta/facebook.connector.ts";
import { instagramConnector } from "./meta/instagram.connector.ts";
import { redditConnector } from "./reddit/reddit.connector.ts";
import { rssConnector } from "./rss/rss.connector.ts";
import { webhookConnector } from "./webhook/webhook.connector.ts";
import { xConnector } from "./x/x.connector.ts";
import { youtubeConnector } from "./youtube/youtube.connector.ts";

// The registry is heterogeneous: each connector checks its own settings with its own schema.
// biome-ignore lint/suspicious/noExplicitAny: settings and secrets are validated by each connector's zod schemas
type AnyConnector = Connector<any, any>;

/** The connectors by kind. */
export const connectorKinds: ReadonlyMap<string, AnyConnector> = new Map(
  (
    [
      rssConnector,
      mastodonConnector,
      blueskyConnector,
      redditConnector,
      youtubeConnector,
      facebookConnector,
      instagramConnector,
      xConnector,
      webhookConnector,
    ] as AnyConnector[]
  ).map((c) => [c.kind, c]),
);
