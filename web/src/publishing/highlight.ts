/** A piece of a text for display: plain, or marked because a finding points at it. */
export interface TextSegment {
  text: string;
  /** The findings' codes that cover this piece (empty: plain text). */
  codes: string[];
}

/**
 * Cuts a text into plain and marked pieces at the findings' spans (UTF-16 offsets, end exclusive). Spans
 * may overlap; a piece covered by several carries all their codes. Spans outside the text are clipped, so
 * the pieces always join back into the text.
 */
export function highlightSegments(
  text: string,
  findings: readonly { code: string; spans: readonly { start: number; end: number }[] }[],
): TextSegment[] {
  const cuts = new Set<number>([0, text.length]);
  const marks: { start: number; end: number; code: string }[] = [];
  for (const finding of findings) {
    for (const span of finding.spans) {
      const start = Math.max(0, Math.min(text.length, span.start));
      const end = Math.max(start, Math.min(text.length, span.end));
      if (end === start) continue;
      cuts.add(start);
      cuts.add(end);
      marks.push({ start, end, code: finding.code });
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (end === start) continue;
    const codes = [...new Set(marks.filter((m) => m.start <= start && m.end >= end).map((m) => m.code))];
    const last = segments.at(-1);
    // Neighbouring pieces with the same marks are one piece.
    if (last && last.codes.join() === codes.join()) last.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), codes });
  }
  return segments;
}
