/**
 * Benchmark of the rule-based risk detectors (`runRuleDetectors`): posts/s on one core for all of
 * them together, on a realistic mix — German tweets (GermEval 2018 training split), English tweets
 * (TweetEval offensive training split), SMS spam and ham (training split), plus generated posts
 * with links, personal data, secrets and scam text (about one in ten, as in a brand's mentions).
 * Usage: npm run bench:detectors [-- --seconds 5 --posts 20000]
 * The last line of output is JSON: { postsPerSecond, microsecondsPerPost, posts, … }.
 */
import { readFileSync } from "node:fs";
import { parseHostList, runRuleDetectors } from "../src/core/risk/detectors/index.ts";
import type { OrgRiskConfig } from "../src/core/risk/risk.types.ts";
import { datasetsDir, positiveNumber, scriptArgs } from "./lib/args.ts";

const values = scriptArgs(
  "npm run bench:detectors --",
  "Runs the rule detectors (PII, secrets, links, impersonation, scam, threats, opportunities …) over\ndataset posts on one core and prints posts/s; the last line is one JSON object.",
  {
    seconds: { type: "string", value: "S", default: "5", description: "how long to measure" },
    posts: { type: "string", value: "N", default: "20000", description: "posts in the corpus" },
  },
);
const seconds = positiveNumber("bench:detectors", "seconds", values.seconds);
const postLimit = positiveNumber("bench:detectors", "posts", values.posts);
const datasets = datasetsDir;

const org: OrgRiskConfig = {
  brandNames: ["Nordwind", "Nordwind Mobil"],
  domains: ["nordwind-mobil.de", "nordwind.group"],
  officialAccounts: [{ platform: "x", handle: "nordwind_mobil", displayName: "Nordwind Mobil" }],
  executives: ["Dr. Anna Berg", "Jonas Keller"],
  watchlist: ["Projekt Falke", "Sturmvogel", "*.corp.nordwind-mobil.de", "intranet"],
};
const knownBadHosts = parseHostList(
  readLines(`${datasets}/phishing-domains/phishing-domains-ACTIVE.train.txt`).join("\n"),
);

function readLines(path: string): string[] {
  try {
    return readFileSync(path, "utf8")
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "");
  } catch {
    return [];
  }
}

/** A seeded generator, so two runs benchmark the same posts. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const risky = [
  "Erstattung für die Störung hier beantragen: https://nordwind-mobil-erstattung.de/login – nur heute!",
  "@nordwind_mobil meine IBAN ist DE89 3704 0044 0532 0130 00, bitte endlich zurücküberweisen",
  "Ruf mich an: 0170 1234567, ich warte seit Wochen auf Rückruf",
  "Vertraulich: Projekt Falke startet im Mai, Details im Intranet",
  "Du hast gewonnen! Gratis iPhone 15 – schreib mir per WhatsApp",
  "Ich bin vom Nordwind Support, schick mir deine Kundennummer per DM",
  "Hier die neue App: https://bit.ly/3xYzAbc 😍",
  "Wir wissen wo du wohnst, Keller. Pass bloß auf.",
  "oops: AKIAIOSFODNN7EXAMPLE und ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
  "Wie kann ich meinen Vertrag bei Nordwind kündigen?",
  "Danke, super Service heute! 👍",
  "Nordwind hat Kundendaten verkauft, Fakt ist das.",
  "Check https://nordwind-mobil.de.secure-login.com/verify now",
  "Looking for a new provider, is @nordwind_mobil any good?",
];

function loadPosts(): string[] {
  const german = readLines(`${datasets}/germeval2018/germeval2018.training.txt`).map(
    (line) => line.split("\t")[0] ?? "",
  );
  const english = readLines(`${datasets}/tweeteval/offensive/train_text.txt`);
  const sms = readLines(`${datasets}/sms-spam/SMSSpamCollection.train`).map(
    (line) => line.split("\t")[1] ?? "",
  );
  const real = [...german, ...english, ...sms].filter((text) => text !== "");
  const random = mulberry32(42);
  const posts: string[] = [];
  for (let index = 0; index < postLimit; index += 1) {
    if (real.length === 0 || random() < 0.1) posts.push(risky[Math.floor(random() * risky.length)] ?? "");
    else posts.push(real[Math.floor(random() * real.length)] ?? "");
  }
  return posts;
}

const posts = loadPosts();
const ctx = {
  lang: "de" as const,
  org,
  direction: "incoming" as const,
  knownBadHosts,
  author: { handle: "kunde_4711", displayName: "Max" },
};
let checksum = 0;
// Warm-up: let the JIT compile the hot paths before measuring.
for (const post of posts.slice(0, 5000)) checksum += runRuleDetectors(post, ctx).leak_pii.score;

let processed = 0;
let flagged = 0;
const started = process.hrtime.bigint();
const deadline = started + BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() < deadline) {
  for (const post of posts) {
    const results = runRuleDetectors(post, ctx);
    for (const result of Object.values(results)) if (result.flagged) flagged += 1;
  }
  processed += posts.length;
}
const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const postsPerSecond = Math.round(processed / elapsedSeconds);
const averageLength = Math.round(posts.reduce((sum, post) => sum + post.length, 0) / posts.length);
console.log(`${processed} posts in ${elapsedSeconds.toFixed(2)} s, ${postsPerSecond} posts/s on one core`);
console.log(
  JSON.stringify({
    benchmark: "detectors",
    postsPerSecond,
    microsecondsPerPost: Math.round((1e6 / postsPerSecond) * 100) / 100,
    posts: processed,
    distinctPosts: posts.length,
    averageLength,
    flaggedPerPost: Math.round((flagged / processed) * 1000) / 1000,
    knownBadHosts: knownBadHosts.size,
    checksum: Math.round(checksum),
  }),
);
