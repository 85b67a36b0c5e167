import { Text, VisuallyHidden } from "@mantine/core";
import { Fragment, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isChance } from "../risk/riskDisplay.ts";
import { type HighlightSpan, segmentText } from "./highlight.ts";

interface HighlightedTextProps {
  text: string;
  spans: readonly HighlightSpan[];
  lang?: string | undefined;
  "data-testid"?: string;
}

/**
 * A post or draft with the stretches that raised a risk or chance marked. Everything is rendered as React
 * text nodes, never as HTML: the text is attacker-controlled.
 */
export function HighlightedText({ text, spans, lang, "data-testid": testId }: HighlightedTextProps) {
  const { t } = useTranslation();
  const segments = useMemo(() => segmentText(text, spans), [text, spans]);

  return (
    <Text size="sm" className="post-text" lang={lang} data-testid={testId}>
      {segments.map((segment) => {
        if (segment.spans.length === 0) return <Fragment key={segment.start}>{segment.text}</Fragment>;
        const categories = [...new Set(segment.spans.map((s) => s.category))];
        const label = [
          ...new Set(
            segment.spans.map((s) =>
              t("risk.highlight", {
                category: t(`risk.categories.${s.category}`),
                reason: s.detail ?? s.reason,
              }),
            ),
          ),
        ].join("; ");
        const kind = categories.some((c) => !isChance(c)) ? "risk" : "chance";
        return (
          // aria-label is prohibited on <mark> (ARIA 1.2), so screen readers get the categories as hidden text.
          <span key={segment.start}>
            <mark
              className="risk-mark"
              data-kind={kind}
              data-overlap={segment.spans.length > 1 || undefined}
              data-categories={categories.join(" ")}
              title={label}
            >
              {segment.text}
            </mark>
            <VisuallyHidden component="span">{` (${categories.map((c) => t(`risk.categories.${c}`)).join(", ")})`}</VisuallyHidden>
          </span>
        );
      })}
    </Text>
  );
}
