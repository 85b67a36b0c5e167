import { describe, expect, it } from "vitest";
import type { StakeholderGroup } from "../scenario/scenario.schema.ts";
import { addPost, createSeries, type SeriesState } from "./series.ts";
import {
  createNewVoicesLog,
  detectNewVoices,
  linkToStakeholders,
  type NewVoicesLog,
  noteNewVoice,
  type StakeholderLink,
} from "./voices.ts";

const minute = 60_000;
const hour = 60 * minute;
const now = Date.UTC(2026, 10, 25, 18, 0, 0);

const directory = new Map<string, StakeholderGroup>([
  ["x:bund_naturschutz_ortsgruppe", "environmental_association"],
  ["x:buergerinitiative_kein_windpark", "citizens_movement"],
  ["mastodon:vzbv", "consumer_association"],
]);

// A week of topic traffic with one newcomer every two hours, then `newcomers` first-time authors in the last hour.
function topic(newcomers: number, contactOf: (i: number) => string[] = () => []) {
  const series = createSeries();
  const log = createNewVoicesLog();
  const links = new Map<string, StakeholderLink[]>();
  const post = (series: SeriesState, log: NewVoicesLog, authorKey: string, tMs: number, first: boolean) => {
    addPost(series, {
      tMs,
      authorKey,
      isFirstTimeAuthor: first,
      followers: 50,
      platform: "x",
      negative: false,
    });
    if (first) noteNewVoice(log, authorKey, tMs);
  };
  for (let t = now - 7 * 24 * hour; t < now - hour; t += 10 * minute) {
    post(series, log, `x:regular${t % 17}`, t, false);
    if (t % (2 * hour) === 0) post(series, log, `x:newcomer${t}`, t + 1, true);
  }
  for (let i = 0; i < newcomers; i++) {
    const authorKey = `x:neu${i}`;
    post(series, log, authorKey, now - hour + (i + 1) * Math.floor(hour / (newcomers + 1)), true);
    const found = linkToStakeholders({ authorKey, mentions: contactOf(i) }, directory);
    if (found.length > 0) links.set(authorKey, found);
  }
  return { series, log, links };
}

describe("detectNewVoices", () => {
  it.each([
    { newcomers: 0, surge: false },
    { newcomers: 4, surge: false },
    { newcomers: 40, surge: true },
  ])("reports a surge: $surge for $newcomers newcomers in an hour", ({ newcomers, surge }) => {
    const { series, log, links } = topic(newcomers);
    const report = detectNewVoices(series, log, now, links);
    expect(report.surge).toBe(surge);
    expect(report.firstTimeAuthors).toBe(newcomers);
  });

  it("names the stakeholder groups the new voices link to, largest first", () => {
    const { series, log, links } = topic(30, (i) =>
      i % 3 === 0
        ? ["x:buergerinitiative_kein_windpark"]
        : i % 3 === 1
          ? ["x:buergerinitiative_kein_windpark", "x:bund_naturschutz_ortsgruppe"]
          : [],
    );
    const report = detectNewVoices(series, log, now, links);
    expect(report.surge).toBe(true);
    expect(report.groups.map((group) => [group.group, group.authors])).toEqual([
      ["citizens_movement", 20],
      ["environmental_association", 10],
    ]);
    expect(report.groups[0]?.accounts).toEqual(["x:buergerinitiative_kein_windpark"]);
    expect(report.groups[0]?.via).toEqual({ mention: 20 });
    expect(report.unlinked).toBe(10);
  });

  it("links replies and reposts to known accounts, not to the author itself", () => {
    expect(
      linkToStakeholders(
        { authorKey: "mastodon:vzbv", mentions: ["mastodon:vzbv"], replyTo: "x:bund_naturschutz_ortsgruppe" },
        directory,
      ),
    ).toEqual([
      {
        authorKey: "mastodon:vzbv",
        account: "x:bund_naturschutz_ortsgruppe",
        group: "environmental_association",
        via: "reply",
      },
    ]);
  });

  it("keeps the log bounded", () => {
    const log = createNewVoicesLog(100);
    for (let i = 0; i < 10_000; i++) noteNewVoice(log, `a${i}`, i);
    expect(log.entries.length).toBeLessThanOrEqual(125);
    expect(log.entries.at(-1)?.authorKey).toBe("a9999");
  });
});
