import type { PostCreate } from "../../posts/posts.schema.ts";
import {
  authorAt,
  authorPoolSize,
  findPersona,
  personaAuthor,
  type ScenarioAuthor,
} from "./scenario.authors.ts";
import type { Inject, Scenario, ScenarioLang, Stream } from "./scenario.schema.ts";
import { drawPlaceholderValues, fillTemplate } from "./scenario.template.ts";
import { streamTimeline } from "./scenario.timeline.ts";
import { drawInt, drawOne, drawWeighted, type Random, seededRandom } from "./seeded-random.ts";

const DAY_MS = 86_400_000;

/** One post of the plan and when it is due, in ms of scenario time. */
export interface PlannedPost {
  /** Milliseconds after the scenario start. */
  offsetMs: number;
  /** The post as it enters ingest. */
  post: PostCreate;
}

/** The window of scenario time to plan, and the wall-clock time the scenario started at. */
export interface PlanWindow {
  /** Start of the window, inclusive, in ms of scenario time. */
  fromMs: number;
  /** End of the window, exclusive, in ms of scenario time. */
  toMs: number;
  /** When scenario time 0 was; every `postedAt` is this plus the post's offset. */
  startedAt: Date;
}

/**
 * The posts due in [fromMs, toMs) of scenario time, sorted by offset. Deterministic: a post depends only on
 * the seed, its source and its sequence number, so planning a span at once or in slices gives the same posts,
 * and its external id `<scenario>:<inject or stream>:<n>` is the same after a restart.
 */
export function planScenario(scenario: Scenario, window: PlanWindow): PlannedPost[] {
  if (!Number.isFinite(window.fromMs) || !Number.isFinite(window.toMs)) {
    throw new RangeError("a plan window needs a finite start and end");
  }
  const scriptMs = scenario.durationMinutes * 60_000;
  const fromMs = Math.max(0, window.fromMs);
  const toMs = scenario.afterScript === "stop" ? Math.min(window.toMs, scriptMs) : window.toMs;
  const planned: PlannedPost[] = [];
  if (fromMs >= toMs) return planned;

  for (const inject of scenario.injects) {
    if (inject.at >= fromMs && inject.at < toMs) {
      planned.push({ offsetMs: inject.at, post: injectPost(scenario, inject, window.startedAt) });
    }
  }

  // Cycle 0 is the script; with repeat_background, cycle k replays the background streams k script lengths later.
  const lastCycle = scenario.afterScript === "stop" ? 0 : Math.floor((toMs - 1) / scriptMs);
  for (let cycle = Math.floor(fromMs / scriptMs); cycle <= lastCycle; cycle++) {
    const cycleStartMs = cycle * scriptMs;
    for (const stream of scenario.streams) {
      if (cycle > 0 && stream.kind !== "background") continue;
      const streamStartMs = cycleStartMs + stream.from;
      const lengthMs = (stream.until ?? scriptMs) - stream.from;
      const timeline = streamTimeline(stream.rate, lengthMs, (n) =>
        seededRandom(scenario.seed, "time", stream.id, cycle, n)(),
      );
      for (const { n, offsetMs } of timeline.arrivalsBetween(fromMs - streamStartMs, toMs - streamStartMs)) {
        const sequence = cycle * timeline.count + n;
        const at = streamStartMs + offsetMs;
        planned.push({ offsetMs: at, post: streamPost(scenario, stream, sequence, at, window.startedAt) });
      }
    }
  }

  return planned.sort(byOffsetThenExternalId);
}

/** Orders posts due in the same millisecond by id, so any split into windows concatenates to the same list. */
function byOffsetThenExternalId(a: PlannedPost, b: PlannedPost): number {
  if (a.offsetMs !== b.offsetMs) return a.offsetMs - b.offsetMs;
  return a.post.externalId < b.post.externalId ? -1 : a.post.externalId > b.post.externalId ? 1 : 0;
}

/** The external id of a planned post; stable across restarts so ingest can drop replays. */
export function scenarioExternalId(scenario: Scenario, sourceId: string, sequence: number): string {
  return `${scenario.id}:${sourceId}:${sequence}`;
}

function injectPost(scenario: Scenario, inject: Inject, startedAt: Date): PostCreate {
  const author = personaAuthor(findPersona(scenario, inject.persona));
  const lang = inject.lang ?? author.lang;
  return {
    platform: inject.platform,
    externalId: scenarioExternalId(scenario, inject.id, 0),
    text: inject.text,
    postedAt: new Date(startedAt.getTime() + inject.at),
    author: authorRef(author, startedAt),
    lang,
    ...(inject.replyTo && { inReplyTo: scenarioExternalId(scenario, inject.replyTo, 0) }),
    ...(inject.metrics && { metrics: inject.metrics }),
    raw: rawOf(scenario, author, inject.id, 0),
  };
}

function streamPost(
  scenario: Scenario,
  stream: Stream,
  sequence: number,
  offsetMs: number,
  startedAt: Date,
): PostCreate {
  const random = seededRandom(scenario.seed, "post", stream.id, sequence);
  const poolSize = authorPoolSize(scenario, stream.personas, stream.crowds);
  const author = authorAt(scenario, stream.personas, stream.crowds, Math.floor(random() * poolSize));
  const lang = templateLang(stream, author.lang);
  const template = drawOne(random, stream.templates[lang]);
  const values = drawPlaceholderValues([template], { ...scenario.variables, ...stream.variables }, random);
  const platform = drawWeighted(random, stream.platforms);
  const inReplyTo = replyTarget(scenario, stream, offsetMs, random);
  const metrics = stream.metrics && {
    ...(stream.metrics.likes && {
      likes: drawInt(random, stream.metrics.likes.min, stream.metrics.likes.max),
    }),
    ...(stream.metrics.shares && {
      shares: drawInt(random, stream.metrics.shares.min, stream.metrics.shares.max),
    }),
    ...(stream.metrics.replies && {
      replies: drawInt(random, stream.metrics.replies.min, stream.metrics.replies.max),
    }),
    ...(stream.metrics.views && {
      views: drawInt(random, stream.metrics.views.min, stream.metrics.views.max),
    }),
  };
  return {
    platform,
    externalId: scenarioExternalId(scenario, stream.id, sequence),
    // An empty emoji variable leaves a stray space behind.
    text: fillTemplate(template, values).replace(/ {2,}/g, " ").trim(),
    postedAt: new Date(startedAt.getTime() + offsetMs),
    author: authorRef(author, startedAt),
    lang,
    ...(inReplyTo && { inReplyTo }),
    ...(metrics && { metrics }),
    raw: rawOf(scenario, author, stream.id, sequence),
  };
}

/** The author's language if the stream has templates in it, else the language it has templates in. */
function templateLang(stream: Stream, authorLang: ScenarioLang): ScenarioLang {
  if (stream.templates[authorLang].length > 0) return authorLang;
  return authorLang === "de" ? "en" : "de";
}

/** The external id of an already posted inject this post answers, drawn with the stream's reply share. */
function replyTarget(
  scenario: Scenario,
  stream: Stream,
  offsetMs: number,
  random: Random,
): string | undefined {
  if (stream.replies === undefined || random() >= stream.replies.share) return undefined;
  const posted = stream.replies.to.filter((id) => {
    const inject = scenario.injects.find((candidate) => candidate.id === id);
    return inject !== undefined && inject.at <= offsetMs;
  });
  return posted.length > 0 ? scenarioExternalId(scenario, drawOne(random, posted), 0) : undefined;
}

function authorRef(author: ScenarioAuthor, startedAt: Date): PostCreate["author"] {
  return {
    handle: author.handle,
    displayName: author.displayName,
    followers: author.followers,
    createdAt: new Date(startedAt.getTime() - author.accountAgeDays * DAY_MS),
  };
}

/** What the simulator needs later (who spoke, for which group, from which part of the script), kept as `raw`. */
function rawOf(scenario: Scenario, author: ScenarioAuthor, sourceId: string, sequence: number) {
  return {
    scenario: scenario.id,
    scenarioVersion: scenario.version,
    persona: author.personaId,
    group: author.group,
    source: sourceId,
    sequence,
  };
}
