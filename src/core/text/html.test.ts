import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText } from "./html.ts";

describe("htmlToText", () => {
  it("keeps the words, breaks lines at <br> and paragraphs, decodes entities", () => {
    expect(
      htmlToText(
        "<p>Kein Netz in <b>Kiel</b>!<br>Seit 9&nbsp;Uhr &amp; immer noch.</p><p>@nordwind_hilfe</p>",
      ),
    ).toBe("Kein Netz in Kiel!\nSeit 9 Uhr & immer noch.\n\n@nordwind_hilfe");
    expect(
      htmlToText('<a href="https://x.example/?a=1&amp;b=2" rel="nofollow">Link</a> &lt;script&gt;'),
    ).toBe("Link <script>");
  });

  it("drops scripts, styles and comments, whatever they contain", () => {
    expect(htmlToText("a<script>alert('<p>x</p>')</script>b<style>p{}</style>c<!-- <b>hidden</b> -->d")).toBe(
      "abcd",
    );
    expect(htmlToText("text <script>never closed")).toBe("text");
  });

  it("keeps CDATA text and a lone < that starts no tag", () => {
    expect(htmlToText("<![CDATA[Preise < 10 €]]>")).toBe("Preise < 10 €");
    expect(htmlToText("3 < 4 and 5 > 2")).toBe("3 < 4 and 5 > 2");
  });

  it("never throws and leaves no tag of the input in the output", () => {
    const word = fc.stringMatching(/^[a-zäöü ]{0,8}$/u);
    const tag = fc.constantFrom(
      "<p>",
      "</p>",
      "<br/>",
      '<a href="x">',
      "</a>",
      "<b>",
      "</b>",
      "<span class='c'>",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(word, tag), { maxLength: 30 }), (parts) => {
        const out = htmlToText(parts.join(""));
        expect(out).not.toMatch(/<\/?[a-z]/u);
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void htmlToText(s)));
  });
});
