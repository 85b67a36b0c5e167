import { Badge, Group, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PlaybookStep } from "../../../src/playbooks/playbooks.schema.ts";

/** The steps of a playbook version, read-only, in the UI language. */
export function PlaybookSteps({ steps }: { steps: PlaybookStep[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  return (
    <List type="ordered" spacing="sm">
      {steps.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered by position
        <List.Item key={i} data-testid="playbook-step">
          <Stack gap={2}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600}>{step.title[lang]}</Text>
              <Badge variant="outline">{t(`incident.roles.${step.role}`)}</Badge>
              <Text size="sm" c="dimmed">
                {t("playbooks.after", { minutes: step.offsetMinutes })}
              </Text>
            </Group>
            {step.checklist.length > 0 && (
              <List size="sm" withPadding>
                {step.checklist.map((item) => (
                  <List.Item key={item[lang]}>{item[lang]}</List.Item>
                ))}
              </List>
            )}
            {step.clock && (
              <Text size="sm">
                {t("playbooks.clock")}: {t(`incident.clocks.kinds.${step.clock}`)}
              </Text>
            )}
            {step.notice && (
              <Text size="sm">
                {t("playbooks.notice")}: {step.notice.law}
              </Text>
            )}
            {step.evidence && (
              <Text size="sm">
                {t("playbooks.evidence")}: {step.evidence[lang]}
              </Text>
            )}
            {step.replyTemplates.length > 0 && (
              <Text size="sm" c="dimmed" className="post-text">
                {t("playbooks.templates")}: {step.replyTemplates.map((r) => r[lang]).join(" / ")}
              </Text>
            )}
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}
