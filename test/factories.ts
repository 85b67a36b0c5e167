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
