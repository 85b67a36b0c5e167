import type { StoredPost } from "../src/pipeline/pipeline.messages.ts";
import type { PostCreate } from "../src/posts/posts.schema.ts";

let sequence = 0;

/** A post as a connector would send it (JSON shape, dates as ISO strings); override what the test cares about. */
export function buildPost(overrides: Partial<Record<keyof PostCreate, unknown>> = {}) {
  sequence++;
  return {
    platform: "mastodon",
    externalId: `test-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    text: "Seit heute Morgen habe ich bei Nordwind kein Netz mehr. Was ist da los?",
    postedAt: new Date(Date.UTC(2026, 10, 25, 9, 0, sequence % 60)).toISOString(),
    author: { handle: `kunde${sequence}`, displayName: `Kundin ${sequence}`, followers: 120 },
    url: `https://social.example/@kunde${sequence}/${sequence}`,
    ...overrides,
  };
}

/** A topic as the API creates it. */
export function buildTopic(overrides: Partial<{ name: string; query: string; description: string }> = {}) {
  return { name: "Netzstörung", query: 'nordwind AND (störung* OR "kein netz" OR outage)', ...overrides };
}

/** An incident as the API opens it. */
export function buildIncident(
  overrides: Partial<{ title: string; severity: string; description: string }> = {},
) {
  return {
    title: "Netzausfall Norddeutschland",
    severity: "sev2",
    description: "Viele Beschwerden seit 9 Uhr",
    ...overrides,
  };
}

/** A `posts.stored` announcement as the store step sends it (post `post-<i>`, optionally an edit). */
export function buildStoredPost(i: number, text = `Post ${i}`, edited = false): StoredPost {
  return {
    orgId: "org-1",
    ...(edited ? { edited: true } : {}),
    post: {
      id: `post-${i}`,
      platform: "mastodon",
      externalId: `ext-${i}`,
      text,
      lang: "de",
      url: null,
      postedAt: "2026-12-03T09:00:00.000Z",
      ingestedAt: "2026-12-03T09:00:01.000Z",
      deletedAt: null,
      editedAt: edited ? "2026-12-03T09:05:00.000Z" : null,
      author: { id: `a-${i}`, handle: `kunde${i}`, displayName: null, followers: 10, accountCreatedAt: null },
      metrics: {},
      topicIds: ["t-1"],
      inReplyTo: null,
      assessment: { priority: 0.2, flags: [], spans: [] },
    },
  };
}
