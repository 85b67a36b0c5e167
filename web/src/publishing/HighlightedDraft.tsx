import { useMemo } from "react";
import type { CheckRead } from "../../../src/publishing/publishing.schema.ts";
import { highlightSegments } from "./highlight.ts";

/**
 * A draft's text with the check's findings marked: React text nodes and <mark> elements only, never HTML,
 * so whatever the text holds is shown as it is.
 */
export function HighlightedDraft({
  text,
  findings,
  uiLang,
}: {
  text: string;
  findings: CheckRead["findings"];
  uiLang: "de" | "en";
}) {
  const segments = useMemo(() => highlightSegments(text, findings), [text, findings]);
  const messages = new Map<string, string>(findings.map((f) => [f.code, f.message[uiLang]]));
  return (
    <>
      {segments.map((segment, i) =>
        segment.codes.length === 0 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and rebuilt with the text
          <span key={i}>{segment.text}</span>
        ) : (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and rebuilt with the text
            key={i}
            className="risk-mark"
            data-code={segment.codes.join(" ")}
            {...(segment.codes.length > 1 ? { "data-overlap": "" } : {})}
            title={segment.codes.map((c) => messages.get(c) ?? c).join(" · ")}
          >
            {segment.text}
          </mark>
        ),
      )}
    </>
  );
}
