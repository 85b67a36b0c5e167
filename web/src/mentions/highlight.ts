import type { RiskCategory } from "../../../src/posts/posts.schema.ts";

/** A stretch of a text that raised a category, as the API returns it (UTF-16 offsets, end exclusive). */
export interface HighlightSpan {
  category: RiskCategory;
  start: number;
  end: number;
  reason: string;
  detail?: string | undefined;
}

/** A piece of the text; `spans` lists every span covering it (empty for plain text). */
export interface TextSegment {
  start: number;
  end: number;
  text: string;
  spans: HighlightSpan[];
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `index` falls between the two halves of a surrogate pair (inside one emoji, say). */
function splitsPair(text: string, index: number): boolean {
  return (
    index > 0 && index < text.length && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index))
  );
}

function clamp(value: number, max: number): number {
  if (!Number.isFinite(value)) return value > 0 ? max : 0;
  return Math.min(max, Math.max(0, Math.trunc(value)));
}

/**
 * Cuts `text` into consecutive segments at every span boundary, so overlapping spans can be shown at once.
 * Offsets are clamped to the text; a boundary inside a surrogate pair moves outward so the character stays whole.
 */
export function segmentText(text: string, spans: readonly HighlightSpan[]): TextSegment[] {
  if (text.length === 0) return [];
  const kept: HighlightSpan[] = [];
  for (const span of spans) {
    let start = clamp(span.start, text.length);
    let end = clamp(span.end, text.length);
    if (splitsPair(text, start)) start -= 1;
    if (splitsPair(text, end)) end += 1;
    if (start < end) kept.push({ ...span, start, end });
  }

  const cuts = [...new Set([0, text.length, ...kept.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    segments.push({
      start,
      end,
      text: text.slice(start, end),
      spans: kept.filter((s) => s.start <= start && s.end >= end),
    });
  }
  return segments;
}
