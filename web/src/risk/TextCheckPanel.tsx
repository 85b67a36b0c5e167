import { Button, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { HighlightedText } from "../mentions/HighlightedText.tsx";
import { flaggedSpans } from "./analysisSpans.ts";
import { RiskFlags } from "./RiskFlags.tsx";
import { useAnalyzeText } from "./useAnalyzeText.ts";

/** "Check a text": runs a draft through the risk engine as outgoing and shows what it flags — the pre-publication check. */
export function TextCheckPanel() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const analyze = useAnalyzeText();
  const result = useMemo(() => (analyze.data ? flaggedSpans(analyze.data.analysis) : null), [analyze.data]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    analyze.mutate(text);
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="text-check-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="text-check-title">
            {t("risk.check.title")}
          </Title>
          <Text size="sm">{t("risk.check.intro")}</Text>
          <ProblemAlert error={analyze.error} />
          <Textarea
            label={t("risk.check.text")}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={100_000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="text-check-input"
          />
          <div>
            <Button
              type="submit"
              loading={analyze.isPending}
              disabled={!text.trim()}
              data-testid="text-check-submit"
            >
              {t("risk.check.submit")}
            </Button>
          </div>
          {analyze.data && result && (
            <Stack gap={6} role="region" aria-label={t("risk.check.result")} data-testid="text-check-result">
              <RiskFlags priority={analyze.data.analysis.priority} flags={result.flags} />
              {result.flags.length === 0 ? (
                <Text size="sm">{t("risk.check.clean")}</Text>
              ) : (
                <Paper bg="gray.0" p="sm">
                  <HighlightedText
                    text={analyze.data.text}
                    spans={result.spans}
                    lang={analyze.data.analysis.lang === "other" ? undefined : analyze.data.analysis.lang}
                  />
                </Paper>
              )}
            </Stack>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
