import { Badge, Group, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CheckRead } from "../../../src/publishing/publishing.schema.ts";

const severityColour = { info: "gray", warning: "orange", block: "red" } as const;

/** The check's findings, most severe first, each with its severity and message in the UI language. */
export function FindingList({
  check,
  uiLang,
  testId,
}: {
  check: CheckRead;
  uiLang: "de" | "en";
  /** `draft-finding` in the composer's live check. */
  testId: string;
}) {
  const { t } = useTranslation();
  const order = { block: 0, warning: 1, info: 2 } as const;
  const findings = [...check.findings].sort((a, b) => order[a.severity] - order[b.severity]);
  if (findings.length === 0) return null;
  return (
    <List spacing={4} listStyleType="none" aria-label={t("publishing.composer.findingsLabel")} p={0} m={0}>
      {findings.map((finding) => (
        <List.Item
          key={finding.code}
          data-testid={testId}
          data-code={finding.code}
          data-severity={finding.severity}
        >
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={severityColour[finding.severity]} variant="light" style={{ flexShrink: 0 }}>
              {t(`publishing.severity.${finding.severity}`)}
            </Badge>
            <Text size="sm">{finding.message[uiLang]}</Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
