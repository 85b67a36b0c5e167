// HTML to plain text, for posts and feed items that arrive as HTML (Mastodon statuses, RSS descriptions).
// This extracts text; it does not sanitise markup for display. The result is only ever shown as text.
import { decodeHTML } from "entities";

// Elements whose content is never text a person wrote.
const dropped = new Set([
  "script",
  "style",
  "template",
  "noscript",
  "head",
  "title",
  "svg",
  "math",
  "iframe",
  "object",
]);
// Elements that end a line or a paragraph.
const lineBreaks = new Set(["br"]);
const blocks = new Set([
  "p",
  "div",
  "li",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "tr",
  "table",
  "section",
  "article",
  "header",
  "footer",
  "figure",
  "figcaption",
  "hr",
  "dd",
  "dt",
]);

const tagPattern =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>?|<![^>]*>?|<\?[^>]*>?/gu;

/**
 * The text of an HTML fragment: tags removed, entities decoded, `<br>` as a line break and block
 * elements as paragraph breaks, the content of script/style and similar dropped, runs of spaces folded.
 * Never throws; a `<` that starts no tag stays as it is.
 */
export function htmlToText(html: string): string {
  let out = "";
  let last = 0;
  let skipUntil: string | null = null;
  tagPattern.lastIndex = 0;
  for (let match = tagPattern.exec(html); match !== null; match = tagPattern.exec(html)) {
    const [whole, cdata, rawName] = match;
    const name = rawName?.toLowerCase();
    const closing = whole.startsWith("</");
    if (skipUntil === null) {
      out += decodeHTML(html.slice(last, match.index));
      if (cdata !== undefined) out += cdata;
      else if (name && lineBreaks.has(name)) out += "\n";
      else if (name && blocks.has(name)) out += "\n\n";
      else if (name && !closing && dropped.has(name) && !whole.endsWith("/>")) skipUntil = name;
    } else if (closing && name === skipUntil) {
      skipUntil = null;
    }
    last = match.index + whole.length;
    if (whole.length === 0) tagPattern.lastIndex++;
  }
  if (skipUntil === null) out += decodeHTML(html.slice(last));
  return out
    .replace(/\u00a0/gu, " ")
    .replace(/[ \t\f\v]+/gu, " ")
    .replace(/ *\n */gu, "\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}
