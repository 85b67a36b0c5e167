/**
 * Benchmark of the per-topic escalation state on one core: generated posts (default one million across
 * 50 topics, 3 days, a day-night rhythm, 2 % arriving up to 30 minutes late, storms planted in 5 topics)
 * go into the series, and every topic's level is assessed once per simulated minute. Then, if the anomaly
 * detector exists (src/core/escalation/anomaly.ts), its steps per second on the same minute volumes.
 * Usage: npm run bench:escalation [-- --posts 1000000 --topics 50]
 * The last line of output is JSON: { posts, seconds, postsPerSecond, assessments, … }.
 */
import { existsSync } from "node:fs";
import { assessLevel, type EscalationLevel, type LevelAssessment } from "../src/core/escalation/level.ts";
import {
  addPost,
  bucketValue,
  createSeries,
  type SeriesEvent,
  type SeriesState,
} from "../src/core/escalation/series.ts";
import { seededRandom } from "../src/core/scenario/seeded-random.ts";
import { positiveNumber, scriptArgs } from "./lib/args.ts";

const values = scriptArgs(
  "npm run bench:escalation --",
  "Feeds generated posts of many topics into the escalation series and levels on one core and prints\nposts/s and the detector's steps/s; the last line is one JSON object.",
  {
    posts: { type: "string", value: "N", default: "1000000", description: "posts to generate" },
    topics: { type: "string", value: "N", default: "50", description: "topics they spread over" },
  },
);
const postCount = positiveNumber("bench:escalation", "posts", values.posts);
const topicCount = positiveNumber("bench:escalation", "topics", values.topics);
const minuteMs = 60_000;
const days = 3;
const start = Date.UTC(2026, 10, 23, 0, 0, 0);
const end = start + days * 24 * 60 * minuteMs;
const platforms = ["x", "mastodon", "bluesky", "facebook", "instagram", "youtube", "reddit"];
const stormTopics = new Set([3, 11, 19, 27, 42].filter((topic) => topic < topicCount));
const stormStart = start + (2 * 24 + 14) * 60 * minuteMs;

// --- generation (not timed) ---
const random = seededRandom(2026, "bench-escalation");
const authorPool = Array.from({ length: 50_000 }, (_, i) => `${platforms[i % platforms.length]}:user${i}`);
const events: { topic: number; arrivalMs: number; event: SeriesEvent }[] = [];
// Day-night rhythm: weight per minute of day, low at night, high in the evening.
const minutesTotal = days * 24 * 60;
const stormShare = 0.08;
const normalPosts = Math.round(postCount * (1 - stormShare));
for (let i = 0; i < normalPosts; i++) {
  let minute = 0;
  for (;;) {
    minute = Math.floor(random() * minutesTotal);
    const hourOfDay = (minute / 60) % 24;
    const weight = 0.25 + 0.75 * Math.max(0, Math.sin(((hourOfDay - 6) / 18) * Math.PI));
    if (random() < weight) break;
  }
  const late = random() < 0.02 ? Math.floor(random() * 30 * minuteMs) : 0;
  const tMs = start + minute * minuteMs + Math.floor(random() * minuteMs);
  events.push({
    topic: Math.floor(random() * topicCount),
    arrivalMs: tMs + late,
    // Every event has the same fields (undefined where absent), as a pipeline would build them.
    event: {
      tMs,
      authorKey: authorPool[Math.floor(random() * authorPool.length)] as string,
      isFirstTimeAuthor: random() < 0.05,
      followers: Math.floor(Math.exp(random() * 9)),
      platform: platforms[Math.floor(random() * 3)] as string,
      negative: random() < 0.12,
      stakeholderGroup: random() < 0.01 ? "customer" : undefined,
    },
  });
}
// Storms: growing over three hours (doubling about every 40 minutes), mostly critical, several platforms,
// media joining in the second hour.
const storms = [...stormTopics];
for (let i = 0; events.length < postCount; i++) {
  const topic = storms[i % storms.length] as number;
  const offset = Math.floor((Math.log2(1 + random() * 31) / 5) * 180 * minuteMs);
  const media = offset > 60 * minuteMs && random() < 0.01;
  events.push({
    topic,
    arrivalMs: stormStart + offset,
    event: {
      tMs: stormStart + offset,
      authorKey: `storm${topic}:${Math.floor(random() * 20_000)}`,
      isFirstTimeAuthor: random() < 0.6,
      followers: Math.floor(Math.exp(random() * 10)),
      platform: platforms[Math.floor(random() * platforms.length)] as string,
      negative: random() < 0.8,
      stakeholderGroup: media ? "press" : undefined,
    },
  });
}
// Arrival order: by time, late posts arriving up to 30 minutes after they were written.
events.sort((a, b) => a.arrivalMs - b.arrivalMs);
console.log(
  `generated ${events.length.toLocaleString("en")} posts for ${topicCount} topics over ${days} days`,
);

// --- timed: series and levels ---
const series: SeriesState[] = Array.from({ length: topicCount }, () => createSeries());
const previous: (LevelAssessment | undefined)[] = Array.from({ length: topicCount }, () => undefined);
const maxLevel = new Array<number>(topicCount).fill(0);
const levelCounts = new Array<number>(7).fill(0);
let assessments = 0;
let nextAssessment = start + minuteMs;
const began = performance.now();
// CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
const cpuBegan = process.cpuUsage();
let seriesMs = 0;
let chunkStart = performance.now();
for (const { topic, arrivalMs: now, event } of events) {
  if (now >= nextAssessment) {
    seriesMs += performance.now() - chunkStart;
    // Every topic is assessed once per simulated minute, as the pipeline's escalate stage would.
    for (; nextAssessment <= now; nextAssessment += minuteMs) {
      for (let t = 0; t < topicCount; t++) {
        const assessment = assessLevel(series[t] as SeriesState, nextAssessment, previous[t]);
        previous[t] = assessment;
        levelCounts[assessment.level] = (levelCounts[assessment.level] ?? 0) + 1;
        if (assessment.level > (maxLevel[t] ?? 0)) maxLevel[t] = assessment.level;
        assessments++;
      }
    }
    chunkStart = performance.now();
  }
  addPost(series[topic] as SeriesState, event);
}
seriesMs += performance.now() - chunkStart;
const totalMs = performance.now() - began;
const cpu = process.cpuUsage(cpuBegan);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const assessMs = totalMs - seriesMs;

const stormLevels = storms.map((topic) => maxLevel[topic] as EscalationLevel);
const quietMax = Math.max(...maxLevel.filter((_, topic) => !stormTopics.has(topic)));
const example = previous[storms[0] ?? 0];
console.log(`series + levels: ${(totalMs / 1000).toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU`);
console.log(
  `  posts: ${Math.round(events.length / (seriesMs / 1000)).toLocaleString("en")} posts/s into the series (${(seriesMs / 1000).toFixed(2)} s)`,
);
console.log(
  `  levels: ${assessments.toLocaleString("en")} assessments, ${Math.round(assessments / (assessMs / 1000)).toLocaleString("en")}/s (${(assessMs / 1000).toFixed(2)} s)`,
);
console.log(
  `  overall: ${Math.round(events.length / (totalMs / 1000)).toLocaleString("en")} posts/s with levels`,
);
console.log(`  highest level in storm topics: ${stormLevels.join(", ")}; in quiet topics: ${quietMax}`);
console.log(`  minutes per level 0–6: ${levelCounts.join(", ")}`);
if (example !== undefined) console.log(`  last of storm topic ${storms[0]}: ${example.explanation}`);

// --- the anomaly detector, when it is there ---
let detectorStepsPerSecond: number | null = null;
let detectorSteps = 0;
const detectorPath = new URL("../src/core/escalation/anomaly.ts", import.meta.url);
type DetectorModule = { createAnomalyDetector?: () => { update(tMs: number, value: number): number } };
if (existsSync(detectorPath)) {
  const module = await (import(detectorPath.href) as Promise<DetectorModule>).catch((error: unknown) => {
    console.log(`anomaly detector: anomaly.ts does not load (${String(error).split("\n")[0]}), skipped`);
    return {} as DetectorModule;
  });
  if (module.createAnomalyDetector === undefined) {
    console.log("anomaly detector: no createAnomalyDetector in anomaly.ts, skipped");
  } else {
    const volumes = series.map((topicSeries) => {
      const list: number[] = [];
      for (let t = end - 24 * 60 * minuteMs; t < end; t += minuteMs) {
        list.push(bucketValue(topicSeries, "minute", t, "volume"));
      }
      return list;
    });
    const detectorBegan = performance.now();
    for (const list of volumes) {
      const detector = module.createAnomalyDetector();
      for (let i = 0; i < list.length; i++) detector.update(end - (list.length - i) * minuteMs, list[i] ?? 0);
      detectorSteps += list.length;
    }
    const detectorMs = performance.now() - detectorBegan;
    detectorStepsPerSecond = Math.round(detectorSteps / (detectorMs / 1000));
    console.log(
      `anomaly detector: ${detectorSteps.toLocaleString("en")} steps (last 24 h of minutes per topic), ${detectorStepsPerSecond.toLocaleString("en")} steps/s`,
    );
  }
} else {
  console.log("anomaly detector: src/core/escalation/anomaly.ts not there yet, skipped");
}

console.log(
  JSON.stringify({
    posts: events.length,
    topics: topicCount,
    seconds: Math.round(totalMs) / 1000,
    cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
    postsPerSecond: Math.round(events.length / (totalMs / 1000)),
    seriesPostsPerSecond: Math.round(events.length / (seriesMs / 1000)),
    assessments,
    assessmentsPerSecond: Math.round(assessments / (assessMs / 1000)),
    stormTopicMaxLevels: stormLevels,
    quietTopicMaxLevel: quietMax,
    detectorSteps,
    detectorStepsPerSecond,
  }),
);
