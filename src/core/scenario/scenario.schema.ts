import { z } from "zod";
import { parseDuration } from "./duration.ts";

/** A lower-case id that is safe in external ids and URLs (`network_outage`, `ex-employee`). */
const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "use lower-case letters, digits, '-' and '_' (at most 64)");

/** A duration string ("90s", "2m", "1h30m"), parsed to milliseconds. */
export const Duration = z.string().transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (parsed.ok) return parsed.ms;
  ctx.issues.push({ code: "custom", message: parsed.message, input: text });
  return z.NEVER;
});

/**
 * Who speaks: the course's stakeholder groups ("Freund und Feind") plus the everyday voices.
 * Source: Lehrgang "Social Media Risiken managen" (seed text), which lists them by name.
 */
export const StakeholderGroup = z.enum([
  "customer",
  "ex_customer",
  "employee",
  "ex_employee",
  "ex_partner",
  "competitor",
  "creditor",
  "bank",
  "tax_adviser",
  "auditor",
  "press",
  "radio",
  "tv",
  "regulator",
  "police",
  "prosecutor",
  "neighbour",
  "consumer_association",
  "environmental_association",
  "citizens_movement",
  "political_group",
  "official_account",
  "influencer",
  "impersonator",
  "scammer",
  "public",
]);
export type StakeholderGroup = z.infer<typeof StakeholderGroup>;

/** Platforms a simulated post can pretend to come from. */
export const ScenarioPlatform = z.enum([
  "mastodon",
  "bluesky",
  "x",
  "facebook",
  "instagram",
  "youtube",
  "reddit",
  "rss",
]);
export type ScenarioPlatform = z.infer<typeof ScenarioPlatform>;

/** Languages scenario text is written in. */
export const ScenarioLang = z.enum(["de", "en"]);
export type ScenarioLang = z.infer<typeof ScenarioLang>;

/** Text in both product languages. */
const BilingualText = z.strictObject({
  /** German. */
  de: z.string().min(1),
  /** English. */
  en: z.string().min(1),
});

/** An inclusive range of whole numbers, drawn from at random. */
const IntRange = z
  .strictObject({
    /** Smallest value. */
    min: z.number().int().nonnegative(),
    /** Largest value. */
    max: z.number().int().nonnegative(),
  })
  .refine((range) => range.min <= range.max, { message: "min must not be larger than max" });

/** Engagement counters of a scripted post. */
const InjectMetrics = z.strictObject({
  /** Likes, favourites, hearts. */
  likes: z.number().int().nonnegative().optional(),
  /** Shares, reposts, boosts. */
  shares: z.number().int().nonnegative().optional(),
  /** Replies and comments. */
  replies: z.number().int().nonnegative().optional(),
  /** Views or impressions. */
  views: z.number().int().nonnegative().optional(),
});

/** Ranges the engagement counters of generated posts are drawn from. */
const StreamMetrics = z.strictObject({
  /** Likes, favourites, hearts. */
  likes: IntRange.optional(),
  /** Shares, reposts, boosts. */
  shares: IntRange.optional(),
  /** Replies and comments. */
  replies: IntRange.optional(),
  /** Views or impressions. */
  views: IntRange.optional(),
});

/** The company the scenario is about. */
const Organisation = z.strictObject({
  /** Legal name, e.g. "Nordwind Mobil GmbH". */
  name: z.string().min(1),
  /** Its official accounts, handles without "@". */
  handles: z.array(z.string().min(1)).default([]),
  /** Its own web domains; lookalikes of these are phishing. */
  domains: z.array(z.string().min(1)).default([]),
  /** Hashtags it uses or that are about it, with "#". */
  hashtags: z.array(z.string().regex(/^#\S+$/, "a hashtag starts with # and has no spaces")).default([]),
});

/** A named voice that speaks in injects or streams. */
export const Persona = z.strictObject({
  /** Id used by injects and streams. */
  id: Slug,
  /** Handle without "@". */
  handle: z.string().min(1).max(200),
  /** Name shown on the platform. */
  displayName: z.string().min(1).max(200),
  /** The stakeholder group the persona belongs to. */
  group: StakeholderGroup,
  /** Follower count, for reach. */
  followers: z.number().int().nonnegative().default(0),
  /** The language the persona writes in. */
  lang: ScenarioLang,
  /** How many days before the scenario start the account was created. */
  accountAgeDays: z.number().int().nonnegative().default(1000),
});
export type Persona = z.infer<typeof Persona>;

/** Generated personas, the voices that "shoot up like mushrooms" (wie Pilze aus dem Boden). */
export const Crowd = z.strictObject({
  /** Id used by streams; a member's persona id is `<crowd>.<n>`. */
  id: Slug,
  /** How many distinct members the crowd has. */
  count: z.number().int().min(1).max(100_000),
  /** Handle pattern; `{n}` (1-based member number, required) and `{variables}` are filled in. */
  handle: z.string().min(1),
  /** Display name pattern with the same placeholders as `handle`. */
  displayName: z.string().min(1),
  /** The stakeholder group all members belong to. */
  group: StakeholderGroup,
  /** Follower counts, drawn log-uniformly (most accounts are small). */
  followers: IntRange,
  /** Relative weights of the members' languages, e.g. `{ de: 7, en: 3 }`. */
  lang: z.partialRecord(ScenarioLang, z.number().nonnegative()),
  /** Account age in days; new accounts are a sign of a coordinated wave. */
  accountAgeDays: IntRange.default({ min: 30, max: 3000 }),
});
export type Crowd = z.infer<typeof Crowd>;

/** One scripted post at a fixed time. */
export const Inject = z.strictObject({
  /** Id, unique among injects and streams; part of the external id. */
  id: Slug,
  /** When it is posted, after the scenario start. */
  at: Duration,
  /** Id of the persona who posts it. */
  persona: Slug,
  /** The platform it appears on. */
  platform: ScenarioPlatform,
  /** Language of the text; the persona's language when left out. */
  lang: ScenarioLang.optional(),
  /** The text, posted as written. */
  text: z.string().min(1).max(40_000),
  /** Id of an earlier inject this post replies to. */
  replyTo: Slug.optional(),
  /** Engagement counters. */
  metrics: InjectMetrics.optional(),
});
export type Inject = z.infer<typeof Inject>;

/** Posts per minute: constant, or a straight ramp from the stream's start to its end. */
const Rate = z.union([
  z.number().nonnegative(),
  z.strictObject({
    /** Rate at the stream's start. */
    from: z.number().nonnegative(),
    /** Rate at the stream's end. */
    to: z.number().nonnegative(),
  }),
]);
export type Rate = z.infer<typeof Rate>;

/** A generator of many posts from templates: the everyday chatter or one wave of a crisis. */
export const Stream = z.strictObject({
  /** Id, unique among injects and streams; part of the external id. */
  id: Slug,
  /** `background` repeats after the script when `afterScript` says so; a `wave` plays once. */
  kind: z.enum(["background", "wave"]).default("background"),
  /** When the stream starts. */
  from: Duration.default(0),
  /** When the stream ends; the end of the script when left out. */
  until: Duration.optional(),
  /** Posts per minute. */
  rate: Rate,
  /** Ids of personas who may write; each author is drawn uniformly from these and the crowds' members. */
  personas: z.array(Slug).default([]),
  /** Ids of crowds whose members may write. */
  crowds: z.array(Slug).default([]),
  /** Relative weights of the platforms, e.g. `{ x: 3, mastodon: 1 }`. */
  platforms: z.partialRecord(ScenarioPlatform, z.number().positive()),
  /** Texts per language with `{placeholders}`; the author's language picks the list. */
  templates: z.strictObject({
    /** German templates. */
    de: z.array(z.string().min(1)).default([]),
    /** English templates. */
    en: z.array(z.string().min(1)).default([]),
  }),
  /** Values for this stream's placeholders, over the scenario's `variables`. */
  variables: z.record(z.string(), z.array(z.string()).min(1)).default({}),
  /** Share of posts (0–1) that reply to one of these injects, once it has been posted. */
  replies: z
    .strictObject({
      /** Ids of injects that are replied to. */
      to: z.array(Slug).min(1),
      /** Share of the stream's posts that are replies. */
      share: z.number().min(0).max(1),
    })
    .optional(),
  /** Ranges of engagement counters. */
  metrics: StreamMetrics.optional(),
});
export type Stream = z.infer<typeof Stream>;

/** A scenario file: the demo stream or a training exercise, played by the scenario player. */
export const Scenario = z.strictObject({
  /** Id, part of every external id. */
  id: Slug,
  /** Version of the file; raise it when the content changes. */
  version: z.union([z.string().min(1), z.number()]).transform(String),
  /** Title in German and English. */
  title: BilingualText,
  /** What happens, in German and English. */
  summary: BilingualText,
  /** The company the scenario is about. */
  organisation: Organisation,
  /** Seed of the random generator: same seed, same posts. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  /** Length of the scripted part in minutes. */
  durationMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60),
  /** What happens after the script: ordinary chatter forever, or silence. */
  afterScript: z.enum(["repeat_background", "stop"]).default("stop"),
  /** Values for `{placeholders}` shared by all streams and crowds. */
  variables: z.record(z.string(), z.array(z.string()).min(1)).default({}),
  /** Named voices. */
  personas: z.array(Persona).default([]),
  /** Generated voices. */
  crowds: z.array(Crowd).default([]),
  /** Scripted single posts. */
  injects: z.array(Inject).default([]),
  /** Generated posts. */
  streams: z.array(Stream).default([]),
});
export type Scenario = z.infer<typeof Scenario>;
