import fc from "fast-check";
import { describe, expect, it } from "vitest";
import boost from "./fixtures/boost.json" with { type: "json" };
import notifications from "./fixtures/notifications.json" with { type: "json" };
import tagTimeline from "./fixtures/tag-timeline.json" with { type: "json" };
import newer from "./fixtures/tag-timeline-newer.json" with { type: "json" };
import { mapMastodonStatus } from "./mastodon.map.ts";

const [rant, reply, first] = tagTimeline;
const [brandAnswer, flensburg] = newer;
const host = "mastodon.social";

/** A status of the fixture with other content, as the instance would send it. */
function withContent(content: string, spoiler = "") {
  return { ...first, content, spoiler_text: spoiler };
}

describe("mapMastodonStatus", () => {
  it("maps a German reply with hashtags, a shortened link and counters", () => {
    expect(mapMastodonStatus(reply, host)).toEqual({
      platform: "mastodon",
      externalId: reply?.id,
      text:
        "Kann das jemand bestätigen? #nordwind #funkloch\n\n" +
        "Router blinkt rot, Hotline & App gehen nicht.\n" +
        "Status: https://status.nordwind-mobil.example/incidents/2026-11-25-kiel",
      postedAt: "2026-11-25T09:31:07.355Z",
      author: {
        handle: "anna_kiel@mastodon.social",
        displayName: "Anna aus Kiel 🌊",
        followers: 412,
        createdAt: "2022-11-13T00:00:00.000Z",
      },
      url: `https://mastodon.social/@anna_kiel/${reply?.id}`,
      lang: "de",
      inReplyTo: first?.id,
      metrics: { likes: 7, shares: 2, replies: 1 },
      raw: reply,
    });
  });

  it("puts the content warning before the text and keeps a remote author's domain", () => {
    const post = mapMastodonStatus(rant, host);
    expect(post?.text).toBe(
      "Rant about my ISP\n\n#nordwind outage again. Third time this month >:( Looking at other providers now.",
    );
    expect(post?.author.handle).toBe("tomh@mas.to");
    expect(post?.lang).toBe("en");
    expect(post?.inReplyTo).toBeUndefined();
  });

  it("leaves language and display name out when the status has none", () => {
    const post = mapMastodonStatus(flensburg, host);
    expect(post?.lang).toBeUndefined();
    expect(post?.author).toEqual({
      handle: "lena@norden.social",
      followers: 23,
      createdAt: "2024-07-20T00:00:00.000Z",
    });
  });

  it("maps a boost to the boosted status and its author", () => {
    const post = mapMastodonStatus(boost, host);
    expect(post?.externalId).toBe(brandAnswer?.id);
    expect(post?.author.handle).toBe("nordwind_mobil@mastodon.social");
    expect(post?.text).toMatch(/^@anna_kiel Danke für die Meldung!/u);
    expect(post?.raw).toBe(boost);
  });

  it("carries an edit's time as editedAt, also of a boosted status, and leaves it out when never edited", () => {
    expect(rant?.edited_at).toBe("2026-11-25T10:06:12.004Z");
    expect(mapMastodonStatus(rant, host)?.editedAt).toBe("2026-11-25T10:06:12.004Z");
    expect(mapMastodonStatus(reply, host)).not.toHaveProperty("editedAt");
    const editedBoost = { ...boost, reblog: { ...boost.reblog, edited_at: "2026-11-25T12:00:00.000Z" } };
    expect(mapMastodonStatus(editedBoost, host)?.editedAt).toBe("2026-11-25T12:00:00.000Z");
    // An unreadable edit time is left out; the post itself still counts.
    const garbled = mapMastodonStatus({ ...reply, edited_at: "yesterday" }, host);
    expect(garbled?.externalId).toBe(reply?.id);
    expect(garbled).not.toHaveProperty("editedAt");
  });

  it("keeps out direct and followers-only statuses", () => {
    const direct = notifications[0]?.status;
    expect(direct?.visibility).toBe("direct");
    expect(mapMastodonStatus(direct, host)).toBeNull();
    expect(mapMastodonStatus({ ...first, visibility: "private" }, host)).toBeNull();
  });

  it.each([
    ["not an object", "117676307972105156"],
    ["no account", { ...first, account: undefined }],
    ["a date without offset", { ...first, created_at: "2026-11-25 09:12" }],
    ["content that is not text", { ...first, content: 42 }],
    ["a picture without caption", withContent("")],
  ])("returns null for %s", (_, payload) => {
    expect(mapMastodonStatus(payload, host)).toBeNull();
  });

  it("extracts plain text from hostile markup", () => {
    const hostile =
      '<p>Hallo<script>alert("<p>x</p>")</script> <b><i>Welt</i></b></p>' +
      "<p>&lt;img src=x onerror=alert(1)&gt; &amp;amp; &#x1F600; &quot;zitiert&quot;</p>" +
      '<style>p{color:red}</style><!-- <a href="x">versteckt</a> --><p><a href="javascript:alert(1)">Link</a></p>';
    expect(mapMastodonStatus(withContent(hostile), host)?.text).toBe(
      'Hallo Welt\n\n<img src=x onerror=alert(1)> &amp; 😀 "zitiert"\n\nLink',
    );
  });

  it("keeps every word and no markup of content built from text and tags", () => {
    const word = fc.stringMatching(/^[A-Za-zäöüß0-9 .,!?]{1,12}$/u);
    const tag = fc.constantFrom(
      "<p>",
      "</p>",
      "<br>",
      "<br />",
      '<a href="https://x.example/?a=1&amp;b=2" rel="nofollow noopener">',
      "</a>",
      '<span class="invisible">',
      "</span>",
      "<img src=x onerror=\"alert('>')\">",
      "<div title='a>b'>",
      "</div>",
      "<!-- <p>kommentar</p> -->",
      '<script>document.write("<p>x</p>")</script>',
      "<style>p>a{color:red}</style>",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(word, tag), { maxLength: 40 }), (parts) => {
        const words = parts.filter((part) => !part.startsWith("<"));
        const post = mapMastodonStatus(withContent(parts.join("")), host);
        const expected = words.join("").replace(/\s/gu, "");
        if (expected === "") return post === null;
        return post !== null && !/[<>]/u.test(post.text) && post.text.replace(/\s/gu, "") === expected;
      }),
    );
  });

  it("never throws, whatever the content", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 40 }), (content, spoiler) => {
        mapMastodonStatus(withContent(content, spoiler), host);
      }),
    );
  });
});
