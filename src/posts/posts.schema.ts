import { z } from "zod";
import { queryLanguages, queryPlatforms } from "../core/query/query.ast.ts";
import { riskCategories } from "../core/risk/risk.types.ts";
import { csvSeparators } from "../core/text/csv.ts";

/** Platforms a post can come from; `scenario` is the demo and training simulator. */
export const Platform = z.enum(queryPlatforms);
export type Platform = z.infer<typeof Platform>;

/** Languages the analysis distinguishes; everything else is `other`. */
export const Lang = z.enum(queryLanguages);
export type Lang = z.infer<typeof Lang>;

/** A risk or chance category of the risk engine. */
export const RiskCategory = z.enum(riskCategories);
export type RiskCategory = z.infer<typeof RiskCategory>;

// ISO 8601 with an offset only: `new Date("01.05.2024")` would read a German date as 5 January.
const IsoDateTime = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .meta({ description: "ISO 8601 date and time with offset, e.g. 2026-11-25T09:30:00+01:00" });

/** Engagement counters as the platform reports them. */
export const PostMetrics = z
  .object({
    likes: z.number().int().nonnegative().optional(),
    shares: z.number().int().nonnegative().optional(),
    replies: z.number().int().nonnegative().optional(),
    views: z.number().int().nonnegative().optional(),
  })
  .strict();
export type PostMetrics = z.infer<typeof PostMetrics>;

/** The author as the incoming post names them. */
export const AuthorRef = z
  .object({
    /** The handle without the leading @, unique per platform. */
    handle: z.string().trim().min(1).max(200),
    /** The display name shown on the platform. */
    displayName: z.string().max(200).optional(),
    /** Follower count at the time of the post, for reach. */
    followers: z.number().int().nonnegative().optional(),
    /** When the account was created, if the platform tells. */
    createdAt: IsoDateTime.optional(),
  })
  .strict();
export type AuthorRef = z.infer<typeof AuthorRef>;

/** One post as it enters Brandwache (API batch, file import, connector, scenario). */
export const PostCreate = z
  .object({
    /** Where the post was written. */
    platform: Platform,
    /** The platform's own id; with `platform` it makes ingest idempotent. */
    externalId: z.string().trim().min(1).max(300),
    /** The text as written; never rendered as HTML. */
    text: z.string().min(1).max(40_000),
    /** When the post was written. */
    postedAt: IsoDateTime,
    /** When its author last edited it, if the platform tells; a later edit replaces the stored text. */
    editedAt: IsoDateTime.optional(),
    /** Who wrote it. */
    author: AuthorRef,
    /** Link to the post on its platform. */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    /** Language if the source knows it; detected otherwise. */
    lang: Lang.optional(),
    /** External id of the post this one replies to. */
    inReplyTo: z.string().max(300).optional(),
    /** Engagement counters. */
    metrics: PostMetrics.optional(),
    /** The original payload, kept as evidence. */
    raw: z.unknown().optional(),
  })
  .strict();
export type PostCreate = z.infer<typeof PostCreate>;

/** A batch for `POST /api/posts`. */
export const PostBatch = z.object({
  /** Up to 1,000 posts; each is checked on its own. */
  posts: z.array(z.unknown()).min(1).max(1000),
});

/** One rejected item of a batch or row of a file. */
export const IngestProblem = z.object({
  /** Index in the batch (0-based) or line in the file (1-based). */
  line: z.number().int(),
  /** The field that is wrong, as a dotted path (`author.handle`). */
  field: z.string(),
  /** What is wrong with it. */
  message: z.string(),
});
export type IngestProblem = z.infer<typeof IngestProblem>;

/** What an ingest call did. */
export const IngestResult = z.object({
  /** Items that were valid and accepted for the pipeline. */
  accepted: z.number().int(),
  /** Items that were rejected, each with its problems. */
  rejected: z.number().int(),
  /** The problems, at most 1,000 listed. */
  problems: z.array(IngestProblem),
});
export type IngestResult = z.infer<typeof IngestResult>;

/** A post as the API returns it. */
export const PostRead = z.object({
  id: z.string(),
  platform: Platform,
  externalId: z.string(),
  text: z.string(),
  lang: Lang,
  url: z.string().nullable(),
  postedAt: z.string(),
  ingestedAt: z.string(),
  /** When its author deleted it (it stays here as a record); null while it is online. */
  deletedAt: z.string().nullable(),
  /** When its author last edited it (`text` is the edited version; earlier ones are its revisions); null if never. */
  editedAt: z.string().nullable(),
  author: z.object({
    id: z.string(),
    handle: z.string(),
    displayName: z.string().nullable(),
    followers: z.number().nullable(),
    /** When the account was created, if the platform told (young accounts are a campaign signal). */
    accountCreatedAt: z.string().nullable(),
  }),
  metrics: PostMetrics,
  /** Ids of the tracked topics whose query matches this post. */
  topicIds: z.array(z.string()),
  inReplyTo: z.string().nullable(),
  /** The risk engine's verdict: priority, flagged categories and the spans that raised them. */
  assessment: z
    .object({
      /** 0..1: what a team should look at first. */
      priority: z.number(),
      /** Categories whose score passed their threshold. */
      flags: z.array(RiskCategory),
      /** Spans of the flagged categories, as UTF-16 offsets into `text`. */
      spans: z.array(
        z.object({
          category: RiskCategory,
          start: z.number().int(),
          end: z.number().int(),
          reason: z.string(),
          detail: z.string().optional(),
        }),
      ),
    })
    .nullable(),
});
export type PostRead = z.infer<typeof PostRead>;

/** Filters of the Mentions view, shared by the list and the live stream. */
export const PostFilter = z.object({
  /** Only posts the risk engine flagged for this category. */
  risk: RiskCategory.optional(),
  /** Only posts matching this tracked topic. */
  topicId: z.string().optional(),
  /** Only posts from this platform. */
  platform: Platform.optional(),
  /** Only posts in this language. */
  lang: Lang.optional(),
  /** Only posts written at or after this time (ISO 8601). */
  from: z.coerce.date().optional(),
  /** Only posts written before this time (ISO 8601). */
  to: z.coerce.date().optional(),
  /** Full-text search (German and English stemming), e.g. `kündigung störung`. */
  q: z.string().trim().max(500).optional(),
  /** Only posts of this author: a handle, a leading @ ignored, any case (e.g. an official account's posts). */
  author: z
    .string()
    .trim()
    .max(200)
    .regex(/^@?[\p{L}\p{N}_.-]+$/u, "a handle like @nordwind_hilfe")
    .optional(),
  /** Only these posts: up to 100 ids, comma-separated (the posts of an alert or a coordinated group). */
  ids: z
    .string()
    .regex(/^[\w-]{1,100}(,[\w-]{1,100}){0,99}$/u, "up to 100 post ids, comma-separated")
    .optional(),
  /** Posts their author deleted: `show` them marked (the default), `hide` them, or show `only` them. */
  deleted: z.enum(["show", "hide", "only"]).optional(),
});
export type PostFilter = z.infer<typeof PostFilter>;

/** Query string of `GET /api/posts`. */
export const PostListQuery = PostFilter.extend({
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  /** Page size. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `time`: newest first; `priority`: what to look at first, then newest. */
  sort: z.enum(["time", "priority"]).default("time"),
});
export type PostListQuery = z.infer<typeof PostListQuery>;

/** The most posts one export writes. */
export const maxExportPosts = 100_000;

/** Query string of `GET /api/posts/export`: the list's filters and order, and the file's form. */
export const PostExportQuery = PostFilter.extend({
  /** The list's order (`time` or `priority`). */
  sort: PostListQuery.shape.sort,
  /** `csv` for spreadsheets; `jsonl`: one post per line as `GET /api/posts` returns it, plus its `scores`. */
  format: z.enum(["csv", "jsonl"]).default("csv"),
  /** CSV only: `comma` (decimal point), or `semicolon` (decimal comma) for spreadsheets set to German. */
  separator: z.enum(csvSeparators).default("comma"),
  /** At most this many posts, the first ones in the chosen order. */
  limit: z.coerce.number().int().min(1).max(maxExportPosts).default(maxExportPosts),
});
export type PostExportQuery = z.infer<typeof PostExportQuery>;

/** A page of posts, newest first. */
export const PostList = z.object({
  items: z.array(PostRead),
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type PostList = z.infer<typeof PostList>;

/** An earlier version of a post's text, replaced by an edit of its author. */
export const PostRevisionRead = z.object({
  /** The text as it was; never rendered as HTML. */
  text: z.string(),
  lang: Lang,
  /** When this version was written (the post's time for the first version). */
  writtenAt: z.string(),
  /** When the next version replaced it. */
  replacedAt: z.string(),
});
export type PostRevisionRead = z.infer<typeof PostRevisionRead>;

/** The earlier versions of a post, oldest first. */
export const PostRevisionList = z.object({ items: z.array(PostRevisionRead) });
export type PostRevisionList = z.infer<typeof PostRevisionList>;
