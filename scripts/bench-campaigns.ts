import {
  addCampaignPost,
  type CampaignGroup,
  type CampaignPost,
  createCampaignDetector,
  detectCampaigns,
} from "../src/core/escalation/campaigns.ts";
import { drawInt, type Random, seededRandom } from "../src/core/scenario/seeded-random.ts";
import { positiveNumber, scriptArgs } from "./lib/args.ts";

const values = scriptArgs(
  "npm run bench:campaigns --",
  "Hides generated coordinated campaigns in ordinary traffic, runs the campaign detector and prints its\nprecision and recall and posts/s; the last line is one JSON object.",
  {
    posts: { type: "string", value: "N", default: "20000", description: "ordinary posts" },
    campaigns: { type: "string", value: "N", default: "12", description: "hidden campaigns" },
    seed: { type: "string", value: "N", default: "7", description: "random seed" },
  },
);
const ordinaryCount = positiveNumber("bench:campaigns", "posts", values.posts);
const campaignCount = positiveNumber("bench:campaigns", "campaigns", values.campaigns);
const seed = Number(values.seed);
const minute = 60_000;
const day = 24 * 60 * minute;
const start = Date.UTC(2026, 10, 25, 12, 0, 0);
const span = 6 * 60 * minute;
// Ordinary traffic starts one detection window earlier, so the detector runs warm, as it would in service:
// a cold detector sees only the last minutes of a topic and every small cluster looks synchronised.
const warmUp = 3 * 60 * minute;
const random = seededRandom(seed, "bench-campaigns");
const pick = <T>(list: readonly T[], r: Random = random): T => list[Math.floor(r() * list.length)] as T;

// --- ordinary traffic: sentences composed from independent parts, German and English ---
const openers = [
  "Ehrlich gesagt",
  "Mal ehrlich,",
  "Heute morgen",
  "Gerade eben",
  "Seit gestern",
  "Kurze Frage:",
  "Honestly,",
  "Just now",
  "This morning",
  "Quick question:",
  "Update:",
  "Well,",
  "",
  "",
];
const subjects = [
  "die App von Nordwind",
  "mein Handyvertrag",
  "der Kundendienst",
  "das Netz in Kassel",
  "die neue Rechnung",
  "unser Router",
  "der Shop in der Innenstadt",
  "the Nordwind app",
  "my phone contract",
  "customer support",
  "the network downtown",
  "my latest bill",
  "the router",
  "the store on Main Street",
];
const predicates = [
  "funktioniert endlich wieder",
  "ist seit Stunden langsam",
  "hat mich positiv überrascht",
  "macht wieder Probleme",
  "ist teurer als gedacht",
  "hat super schnell geantwortet",
  "braucht dringend ein Update",
  "works again, finally",
  "has been slow for hours",
  "surprised me in a good way",
  "keeps dropping the connection",
  "costs more than I expected",
  "answered within minutes",
  "needs an update badly",
];
const tails = [
  "Hat noch jemand das Problem?",
  "Danke an das Team!",
  "Mal sehen wie lange.",
  "Kennt jemand eine Alternative?",
  "Anyone else seeing this?",
  "Thanks to the team!",
  "Let's see how long it lasts.",
  "Any alternatives?",
  "🙄",
  "👍",
  "",
  "",
];
const places = [
  "Kassel",
  "Berlin",
  "Hamburg",
  "München",
  "Leipzig",
  "Köln",
  "Bremen",
  "Dresden",
  "Mainz",
  "Ulm",
];

function ordinaryText(r: Random): string {
  const parts = [pick(openers, r), pick(subjects, r), pick(predicates, r)];
  if (r() < 0.5) parts.push(r() < 0.5 ? `in ${pick(places, r)}` : `(${drawInt(r, 2, 59)} min)`);
  parts.push(pick(tails, r));
  return parts.filter((part) => part !== "").join(" ");
}

// --- legitimately similar posts: news headlines reshared by old, unrelated accounts ---
const headlines = [
  [
    "tagesschau",
    "Bundesnetzagentur prüft Preiserhöhungen der Mobilfunkanbieter",
    "tagesschau.de/wirtschaft/bnetza-preise-101.html",
  ],
  [
    "heiseonline",
    "Großstörung im Mobilfunknetz: Tausende ohne Empfang",
    "heise.de/news/grossstoerung-mobilfunk-9912.html",
  ],
  [
    "spiegelde",
    "Verbraucherschützer mahnen Mobilfunkanbieter wegen versteckter Gebühren ab",
    "spiegel.de/wirtschaft/verbraucher-gebuehren-a-123.html",
  ],
  [
    "Reuters",
    "European telecoms shares fall after regulator warns on price hikes",
    "reuters.com/business/telecom-shares-fall-2026",
  ],
  [
    "BBCBreaking",
    "Mobile network outage hits millions across Europe",
    "bbc.co.uk/news/technology-outage-2026",
  ],
  ["zeitonline", "Warum Handytarife 2027 teurer werden", "zeit.de/digital/handytarife-2027"],
  [
    "faznet",
    "Nordwind Mobil kündigt Investitionen in Glasfaser an",
    "faz.net/aktuell/wirtschaft/nordwind-glasfaser.html",
  ],
  ["dpa", "Streik bei Netzdienstleister: Reparaturen verzögern sich", "dpa.com/de/streik-netzdienstleister"],
] as const;
const reactions = ["", "", "Krass.", "Endlich!", "Wow.", "Interesting.", "Na toll.", "Not surprised.", "😮"];

// --- campaigns: one message each, paraphrased per account ---
const messages = [
  "Nordwind Mobil zockt seine Kunden ab! Die Preiserhöhung ist eine Frechheit, wechselt jetzt den Anbieter",
  "Boykottiert Nordwind Mobil bis die versteckten Gebühren abgeschafft sind, teilt das mit allen",
  "Nordwind lügt euch an, das Netz ist seit Wochen kaputt und keiner bei der Firma kümmert sich darum",
  "Stop using Nordwind Mobil now, they are ripping off every single customer with hidden fees",
  "Die Chefin von Nordwind muss zurücktreten, sie hat die Kunden verraten und belogen",
  "Nordwind Mobil spioniert seine Kunden aus, löscht die App sofort und kündigt euren Vertrag",
  "Everyone report Nordwind to the regulator, their contracts are a scam and the support ignores us",
  "Wir sind viele und wir sind wütend: Nordwind muss die Preiserhöhung sofort zurücknehmen",
  "Nordwind hat Kundendaten verkauft, das ist ein Skandal und die Presse schweigt dazu",
  "Join the protest against Nordwind Mobil tomorrow, bring friends and share this everywhere",
  "Nordwind Mobil behandelt Mitarbeiter wie Dreck, kauft dort nichts mehr",
  "Unfassbar wie Nordwind mit älteren Kunden umgeht, Verträge werden einfach verlängert",
];
const synonyms: Record<string, string[]> = {
  Kunden: ["Kundinnen und Kunden", "Kund*innen", "Kunden"],
  sofort: ["jetzt", "sofort", "umgehend"],
  Frechheit: ["Unverschämtheit", "Frechheit", "Sauerei"],
  jetzt: ["sofort", "jetzt", "heute"],
  teilt: ["verbreitet", "teilt", "postet"],
  now: ["today", "now", "right now"],
  every: ["each", "every"],
  Skandal: ["Skandal", "Riesenskandal"],
  wütend: ["sauer", "wütend", "stinksauer"],
  kaputt: ["kaputt", "im Eimer", "tot"],
};
const hashtags = ["#nordwindabzocke", "#boykottnordwind", "#nordwind", "#shitstorm", "#stopnordwind", ""];
const emojis = ["😡", "🤬", "‼️", "👎", "", "", ""];

function typo(word: string, r: Random): string {
  if (word.length < 4) return word;
  const i = drawInt(r, 1, word.length - 2);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function paraphrase(message: string, r: Random): string {
  let words = message.split(" ").map((word) => {
    const bare = word.replace(/[,.!:]/g, "");
    const options = synonyms[bare];
    if (options !== undefined && r() < 0.5) return word.replace(bare, pick(options, r));
    if (r() < 0.04) return typo(word, r);
    return word;
  });
  // Some drop a word, some shout, some change punctuation.
  if (r() < 0.3) words = words.filter((_, i) => i !== drawInt(r, 0, words.length - 1));
  let text = words.join(" ");
  if (r() < 0.15) text = text.toUpperCase();
  if (r() < 0.3) text = text.replace(/!/g, "!!!");
  if (r() < 0.3) text = text.replace(/,/g, " -");
  return [text, pick(hashtags, r), pick(emojis, r)].filter((part) => part !== "").join(" ");
}

// --- generation ---
const posts: CampaignPost[] = [];
const truth = new Map<string, number>(); // campaign account → campaign index
const oldAccount = (r: Random) => start - drawInt(r, 200, 4000) * day;
// One stream for all ordinary posts: streams keyed by neighbouring indexes start out correlated.
const r = seededRandom(seed, "ordinary");
for (let i = 0; i < ordinaryCount; i++) {
  const account = drawInt(r, 0, Math.max(1, Math.floor(ordinaryCount / 3)));
  // 5 % of ordinary accounts are young too: young alone must not make a campaign.
  const young = account % 20 === 0;
  posts.push({
    id: `o${i}`,
    tMs: start - warmUp + Math.floor(r() * (warmUp + span)),
    authorKey: `x:user${account}`,
    text: ordinaryText(r),
    accountCreatedMs: young ? start - drawInt(r, 1, 25) * day : oldAccount(r),
  });
}
let newsPosts = 0;
headlines.forEach(([source, headline, link], h) => {
  const r = seededRandom(seed, "news", h);
  const sharers = drawInt(r, 20, 120);
  // The first two are breaking news: shared within ten minutes.
  const spread = h < 2 ? 10 * minute : drawInt(r, 30, 180) * minute;
  const from = start + Math.floor(r() * (span - spread));
  for (let i = 0; i < sharers; i++) {
    const reaction = pick(reactions, r);
    const text =
      r() < 0.5
        ? `RT @${source}: ${headline} https://www.${link}`
        : `${reaction === "" ? "" : `${reaction} `}${headline} https://${link}`;
    posts.push({
      id: `n${h}-${i}`,
      tMs: from + Math.floor(r() * spread),
      authorKey: `mastodon:reader${h}_${i}`,
      text,
      accountCreatedMs: oldAccount(r),
    });
    newsPosts++;
  }
});
let campaignPosts = 0;
for (let c = 0; c < campaignCount; c++) {
  const r = seededRandom(seed, "campaign", c);
  const size = drawInt(r, 5, 40);
  const burst = drawInt(r, 5, 25) * minute;
  const from = start + Math.floor(r() * (span - burst));
  const message = messages[c % messages.length] as string;
  const flashmob = c === campaignCount - 1;
  const link = c % 2 === 0 || flashmob ? `https://petition-${c}.example/aufruf` : undefined;
  for (let a = 0; a < size; a++) {
    const authorKey = `${pick(["x", "bluesky", "facebook"], r)}:wut${c}_${a}`;
    truth.set(authorKey, c);
    // Mostly fresh accounts; about one in five an older "sleeper".
    const created = r() < 0.8 ? start - drawInt(r, 0, 20) * day : start - drawInt(r, 40, 400) * day;
    const count = r() < 0.3 ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const body = flashmob
        ? pick(["Unglaublich!", "Lest das", "Teilen!!", "Skandal", "Krass 😡", "Das muss jeder sehen"], r)
        : paraphrase(message, r);
      posts.push({
        id: `c${c}-${a}-${k}`,
        tMs: from + Math.floor(r() * burst),
        authorKey,
        text: link === undefined ? body : `${body} ${link}?utm_source=${a}`,
        accountCreatedMs: created,
      });
      campaignPosts++;
    }
  }
}
posts.sort((a, b) => a.tMs - b.tMs);
console.log(
  `generated ${posts.length.toLocaleString("en")} posts: ${ordinaryCount.toLocaleString("en")} ordinary, ${newsPosts} news reshares, ${campaignPosts} in ${campaignCount} campaigns (${truth.size} accounts)`,
);

// --- streaming detection ---
const detector = createCampaignDetector();
const found: CampaignGroup[] = [];
let addMs = 0;
let detectMs = 0;
let detections = 0;
let nextDetection = start + 10 * minute;
const detect = () => {
  const began = performance.now();
  const groups = detectCampaigns(detector);
  detectMs += performance.now() - began;
  detections++;
  for (const group of groups) {
    if (!group.flagged) continue;
    // The same campaign is seen by several runs; keep one entry per campaign (members overlap).
    const members = new Set(group.members);
    const same = found.findIndex((other) => other.members.some((member) => members.has(member)));
    if (same < 0) found.push(group);
    else if ((found[same] as CampaignGroup).members.length < group.members.length) found[same] = group;
  }
};
for (const post of posts) {
  while (post.tMs >= nextDetection) {
    detect();
    nextDetection += 10 * minute;
  }
  const began = performance.now();
  addCampaignPost(detector, post);
  addMs += performance.now() - began;
}
detect();

// --- scoring ---
let truePositiveGroups = 0;
const recalled = new Set<number>();
const flaggedAccounts = new Set<string>();
for (const group of found) {
  for (const member of group.members) flaggedAccounts.add(member);
  const counts = new Map<number, number>();
  for (const member of group.members) {
    const campaign = truth.get(member);
    if (campaign !== undefined) counts.set(campaign, (counts.get(campaign) ?? 0) + 1);
  }
  const [best, bestCount] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [-1, 0];
  if (bestCount * 2 >= group.members.length) {
    truePositiveGroups++;
    const campaignSize = [...truth.values()].filter((campaign) => campaign === best).length;
    if (bestCount * 2 >= campaignSize) recalled.add(best);
  } else {
    console.log(
      `  false group (${group.members.length} accounts, score ${group.score}, young ${group.accountAges.young}/${group.accountAges.known}, synchrony ${group.synchrony}, ${Math.round((group.toMs - group.fromMs) / minute)} min): ${group.exampleTexts.join(" / ")}`,
    );
  }
}
const campaignAccountsFlagged = [...flaggedAccounts].filter((account) => truth.has(account)).length;
const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
const result = {
  posts: posts.length,
  campaigns: campaignCount,
  campaignAccounts: truth.size,
  flaggedGroups: found.length,
  groupPrecision: ratio(truePositiveGroups, found.length),
  groupRecall: ratio(recalled.size, campaignCount),
  accountPrecision: ratio(campaignAccountsFlagged, flaggedAccounts.size),
  accountRecall: ratio(campaignAccountsFlagged, truth.size),
  postsPerSecond: Math.round(posts.length / (addMs / 1000)),
  detections,
  msPerDetection: Math.round((detectMs / detections) * 10) / 10,
  overallPostsPerSecond: Math.round(posts.length / ((addMs + detectMs) / 1000)),
};
for (let c = 0; c < campaignCount; c++) {
  if (!recalled.has(c)) console.log(`  missed campaign ${c}: ${messages[c % messages.length]}`);
}
console.log(
  `groups: precision ${result.groupPrecision}, recall ${result.groupRecall} (${found.length} flagged)`,
);
console.log(`accounts: precision ${result.accountPrecision}, recall ${result.accountRecall}`);
console.log(
  `throughput: ${result.postsPerSecond.toLocaleString("en")} posts/s added, ${result.msPerDetection} ms per detection over the window (${detections} runs), ${result.overallPostsPerSecond.toLocaleString("en")} posts/s overall`,
);
console.log(JSON.stringify(result));
