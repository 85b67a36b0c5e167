import { normalHandle } from "../../../src/core/risk/risk.types.ts";
import type { CsvSeparator } from "../../../src/core/text/csv.ts";
import { Lang, Platform, type PostRead, RiskCategory } from "../../../src/posts/posts.schema.ts";
import { withQuery } from "../app/api.ts";

/** The time ranges the Mentions view offers; `all` sets no lower bound. */
export const timeRanges = ["15m", "1h", "24h", "7d", "all"] as const;
export type TimeRange = (typeof timeRanges)[number];

const rangeMs: Record<Exclude<TimeRange, "all">, number> = {
  "15m": 15 * 60_000,
  "1h": 60 * 60_000,
  "24h": 24 * 60 * 60_000,
  "7d": 7 * 24 * 60 * 60_000,
};

/** Orders of the list: newest first, or what to look at first (the engine's priority). */
export const sortOrders = ["time", "priority"] as const;
export type SortOrder = (typeof sortOrders)[number];

/** Posts deleted by their author: shown marked (the default), hidden, or shown alone. */
export const deletedChoices = ["show", "hide", "only"] as const;
export type DeletedChoice = (typeof deletedChoices)[number];

/** What the Mentions view shows, as kept in the URL query string so a view can be linked. */
export interface MentionFilters {
  topicId: string | undefined;
  platform: Platform | undefined;
  lang: Lang | undefined;
  range: TimeRange;
  /** Full-text search, trimmed; "" for none. */
  q: string;
  /** Only posts the risk engine flagged for this category. */
  risk: RiskCategory | undefined;
  sort: SortOrder;
  /** Only posts of this author (a handle without @); undefined for everyone. */
  author: string | undefined;
  /** Exactly these posts (those of an alert or a coordinated group); undefined for no such filter. */
  ids: string[] | undefined;
  /** Posts their author deleted: shown marked, hidden, or shown alone. */
  deleted: DeletedChoice;
}

/** At most this many ids fit one `GET /api/posts?ids=` request. */
export const MAX_POST_IDS = 100;

/** The view everyone starts with: everything, newest first. */
export const defaultFilters: MentionFilters = {
  topicId: undefined,
  platform: undefined,
  lang: undefined,
  range: "all",
  q: "",
  risk: undefined,
  sort: "time",
  author: undefined,
  ids: undefined,
  deleted: "show",
};

function oneOf<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((option) => option === value);
}

// What `GET /api/posts` accepts as one id; anything else would make the whole request fail.
const postIdPattern = /^[\w-]{1,100}$/u;

/** The distinct well-formed ids of a comma-separated list, at most MAX_POST_IDS; undefined when none remain. */
export function parsePostIds(value: string | null): string[] | undefined {
  if (!value) return undefined;
  const ids = [...new Set(value.split(",").map((id) => id.trim()))].filter((id) => postIdPattern.test(id));
  return ids.length > 0 ? ids.slice(0, MAX_POST_IDS) : undefined;
}

/** The Mentions view of exactly these posts, e.g. `/mentions?ids=p1,p2` for the posts of an alert. */
export function mentionsOfPosts(ids: readonly string[]): string {
  // Ids are word characters, so the list stays readable in the address.
  return `/mentions?ids=${ids
    .slice(0, MAX_POST_IDS)
    .map((id) => encodeURIComponent(id))
    .join(",")}`;
}

const handlePattern = /^[\p{L}\p{N}_.-]{1,200}$/u;

/** A handle from the address, without the leading @; undefined when it is missing or malformed. */
export function parseHandle(value: string | null): string | undefined {
  const handle = value?.trim().replace(/^@/u, "");
  return handle && handlePattern.test(handle) ? handle : undefined;
}

/**
 * The Mentions view of one author's posts, e.g. `/mentions?author=nordwind_hilfe`, narrowed to the
 * platform when Mentions knows it (an unknown or missing platform shows the author's posts everywhere).
 */
export function mentionsOfAuthor(handle: string, platform?: string | null): string {
  const params = new URLSearchParams({ author: handle.replace(/^@/u, "") });
  const known = oneOf(Platform.options, platform?.toLowerCase() ?? null);
  if (known) params.set("platform", known);
  return `/mentions?${params.toString()}`;
}

/** Reads the filters from a URL query string; unknown or malformed values fall back to "no filter". */
export function filtersFromSearch(params: URLSearchParams): MentionFilters {
  const topicId = params.get("topicId")?.trim();
  return {
    topicId: topicId ? topicId.slice(0, 200) : undefined,
    platform: oneOf(Platform.options, params.get("platform")),
    lang: oneOf(Lang.options, params.get("lang")),
    range: oneOf(timeRanges, params.get("range")) ?? defaultFilters.range,
    q: (params.get("q") ?? "").trim().slice(0, 500),
    risk: oneOf(RiskCategory.options, params.get("risk")),
    sort: oneOf(sortOrders, params.get("sort")) ?? defaultFilters.sort,
    author: parseHandle(params.get("author")),
    ids: parsePostIds(params.get("ids")),
    deleted: oneOf(deletedChoices, params.get("deleted")) ?? defaultFilters.deleted,
  };
}

/** Writes the filters as a URL query string, leaving out what equals the default, in a stable order. */
export function filtersToSearch(filters: MentionFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.topicId) params.set("topicId", filters.topicId);
  if (filters.platform) params.set("platform", filters.platform);
  if (filters.lang) params.set("lang", filters.lang);
  if (filters.range !== defaultFilters.range) params.set("range", filters.range);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.risk) params.set("risk", filters.risk);
  if (filters.sort !== defaultFilters.sort) params.set("sort", filters.sort);
  if (filters.author) params.set("author", filters.author);
  if (filters.ids && filters.ids.length > 0) params.set("ids", filters.ids.join(","));
  if (filters.deleted !== defaultFilters.deleted) params.set("deleted", filters.deleted);
  return params;
}

/** The start of the time range as ISO 8601, or undefined for `all`. */
export function rangeStart(range: TimeRange, now: number): string | undefined {
  return range === "all" ? undefined : new Date(now - rangeMs[range]).toISOString();
}

/** Query parameters of the live stream (`GET /api/posts/stream`): the filters without time range and order. */
export function streamQuery(filters: MentionFilters) {
  return {
    topicId: filters.topicId,
    platform: filters.platform,
    lang: filters.lang,
    q: filters.q || undefined,
    risk: filters.risk,
    author: filters.author,
    deleted: filters.deleted === defaultFilters.deleted ? undefined : filters.deleted,
  };
}

/** Query parameters of the list (`GET /api/posts`) at time `now`; the default order is left out. */
export function listQuery(filters: MentionFilters, now: number) {
  return {
    ...streamQuery(filters),
    from: rangeStart(filters.range, now),
    sort: filters.sort === defaultFilters.sort ? undefined : filters.sort,
    ids: filters.ids?.join(","),
  };
}

/**
 * The download address of the view's posts as CSV (`GET /api/posts/export`) at time `now`, in its order;
 * `semicolon` writes semicolons and decimal commas, as spreadsheets set to German read them.
 */
export function exportUrl(filters: MentionFilters, now: number, separator: CsvSeparator): string {
  return withQuery("/api/posts/export", { ...listQuery(filters, now), separator });
}

/**
 * Whether the view follows the live stream. Not for a fixed set of posts: the stream cannot filter by id,
 * and a post stored from now on is never one of them.
 */
export function followsLiveStream(filters: MentionFilters): boolean {
  return filters.ids === undefined;
}

/**
 * Whether a live post belongs in the view: the risk and id filters are checked here too, as a stream that
 * ignores them must not mix in other posts.
 */
export function matchesLiveFilters(post: PostRead, filters: MentionFilters): boolean {
  if (filters.ids && !filters.ids.includes(post.id)) return false;
  if (filters.author && normalHandle(post.author.handle) !== normalHandle(filters.author)) return false;
  if (filters.deleted === "hide" && post.deletedAt !== null) return false;
  if (filters.deleted === "only" && post.deletedAt === null) return false;
  return !filters.risk || (post.assessment?.flags.includes(filters.risk) ?? false);
}
