// New voices: in heated moments the unseen friends and relatives of stakeholder organisations "shoot up
// like mushrooms" (Lehrgang "Social Media Risiken managen"). This detects a surge of authors new to a topic
// and tells which known stakeholder groups they link to.
import type { StakeholderGroup } from "../scenario/scenario.schema.ts";
import { normalHourly } from "./level.ts";
import { type SeriesState, windowTotals } from "./series.ts";

/** How a new author is tied to a known stakeholder account. */
export type LinkVia = "mention" | "reply" | "repost" | "member";

/** A tie from an author to an account of a known stakeholder group. */
export interface StakeholderLink {
  /** The author the link starts from. */
  authorKey: string;
  /** The known account it points to (`platform:handle`). */
  account: string;
  /** That account's group in the stakeholder map. */
  group: StakeholderGroup;
  via: LinkVia;
}

/** What a post says about whom its author talks to; the pipeline fills it from the post. */
export interface VoiceContact {
  authorKey: string;
  /** Accounts the post mentions (`platform:handle`). */
  mentions: readonly string[];
  /** The author of the post this one replies to. */
  replyTo?: string;
  /** The author of the post this one reposts or quotes. */
  reposts?: string;
}

/** Links of one post's author to known stakeholder accounts (`directory`: account → group). */
export function linkToStakeholders(
  contact: VoiceContact,
  directory: ReadonlyMap<string, StakeholderGroup>,
): StakeholderLink[] {
  const links: StakeholderLink[] = [];
  const add = (account: string | undefined, via: LinkVia) => {
    if (account === undefined || account === contact.authorKey) return;
    const group = directory.get(account);
    if (group !== undefined) links.push({ authorKey: contact.authorKey, account, group, via });
  };
  for (const account of contact.mentions) add(account, "mention");
  add(contact.replyTo, "reply");
  add(contact.reposts, "repost");
  return links;
}

/** The recent first-time authors of a topic, bounded by count and age. */
export interface NewVoicesLog {
  entries: { authorKey: string; tMs: number }[];
  capacity: number;
}

/** An empty log that keeps at most `capacity` first-time authors. */
export function createNewVoicesLog(capacity = 10_000): NewVoicesLog {
  return { entries: [], capacity };
}

/** Notes an author's first post in the topic; the oldest entries go when the log is full. */
export function noteNewVoice(log: NewVoicesLog, authorKey: string, tMs: number): NewVoicesLog {
  log.entries.push({ authorKey, tMs });
  // Drop in chunks so the amortised cost per post stays constant.
  if (log.entries.length > log.capacity * 1.25) log.entries.splice(0, log.entries.length - log.capacity);
  return log;
}

/** Tunables of `detectNewVoices`. */
export interface NewVoicesOptions {
  /** The window "now" is measured over. */
  windowMs: number;
  /** First-time authors per hour that count as normal at least, so three newcomers in a quiet topic are no surge. */
  minBaselinePerHour: number;
  /** Surge when first-time authors reach this multiple of normal … */
  minRatio: number;
  /** … and at least this many. */
  minAuthors: number;
  /** Authors listed per group as examples. */
  examples: number;
}

/** The defaults of `NewVoicesOptions`. */
export const defaultNewVoicesOptions: NewVoicesOptions = {
  windowMs: 60 * 60_000,
  minBaselinePerHour: 2,
  minRatio: 3,
  minAuthors: 10,
  examples: 5,
};

/** New voices tied to one stakeholder group. */
export interface NewVoicesGroup {
  group: StakeholderGroup;
  /** Distinct new authors linked to the group. */
  authors: number;
  /** The group's known accounts they link to, most linked first. */
  accounts: string[];
  /** How the links were made. */
  via: Partial<Record<LinkVia, number>>;
  /** Some of the new authors. */
  examples: string[];
}

/** The result of `detectNewVoices`. */
export interface NewVoicesReport {
  /** Whether first-time authors surge. */
  surge: boolean;
  /** First-time authors in the window. */
  firstTimeAuthors: number;
  /** Normal first-time authors per window. */
  baseline: number;
  /** `firstTimeAuthors / baseline`. */
  ratio: number;
  /** Groups the new authors link to, most authors first. */
  groups: NewVoicesGroup[];
  /** New authors without a link to a known group. */
  unlinked: number;
}

/**
 * Compares first-time authors in the last window with their normal number (same robust baseline as the
 * escalation level) and groups the new authors by the stakeholder groups they link to.
 * `links`: author → their links, e.g. gathered with `linkToStakeholders`.
 */
export function detectNewVoices(
  series: SeriesState,
  log: NewVoicesLog,
  now: number,
  links: ReadonlyMap<string, readonly StakeholderLink[]>,
  options: Partial<NewVoicesOptions> = {},
): NewVoicesReport {
  const settings = { ...defaultNewVoicesOptions, ...options };
  const from = now - settings.windowMs;
  const minuteMs = 60_000;
  const end = Math.ceil(now / minuteMs) * minuteMs;
  const counted = windowTotals(series, "minute", end - settings.windowMs, end).firstTime;
  const authors = new Set<string>();
  for (const entry of log.entries) if (entry.tMs > from && entry.tMs <= now) authors.add(entry.authorKey);
  const firstTimeAuthors = Math.max(counted, authors.size);
  const perHour = Math.max(normalHourly(series, now, "firstTime").value, settings.minBaselinePerHour);
  const baseline = (perHour * settings.windowMs) / 3_600_000;
  const ratio = firstTimeAuthors / baseline;

  const byGroup = new Map<
    StakeholderGroup,
    { authors: Set<string>; accounts: Map<string, number>; via: Partial<Record<LinkVia, number>> }
  >();
  let unlinked = 0;
  for (const author of authors) {
    const authorLinks = links.get(author) ?? [];
    if (authorLinks.length === 0) unlinked++;
    for (const link of authorLinks) {
      let entry = byGroup.get(link.group);
      if (entry === undefined) {
        entry = { authors: new Set(), accounts: new Map(), via: {} };
        byGroup.set(link.group, entry);
      }
      entry.authors.add(author);
      entry.accounts.set(link.account, (entry.accounts.get(link.account) ?? 0) + 1);
      entry.via[link.via] = (entry.via[link.via] ?? 0) + 1;
    }
  }
  const groups = [...byGroup.entries()]
    .map(([group, entry]) => ({
      group,
      authors: entry.authors.size,
      accounts: [...entry.accounts.entries()].sort((a, b) => b[1] - a[1]).map(([account]) => account),
      via: entry.via,
      examples: [...entry.authors].slice(0, settings.examples),
    }))
    .sort((a, b) => b.authors - a.authors || a.group.localeCompare(b.group));
  return {
    surge: firstTimeAuthors >= settings.minAuthors && ratio >= settings.minRatio,
    firstTimeAuthors,
    baseline,
    ratio,
    groups,
    unlinked,
  };
}
