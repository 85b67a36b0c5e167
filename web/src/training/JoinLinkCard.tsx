import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { joinUrl } from "./trainingAccess.ts";

/** The absolute join link of an exercise with a copy button. */
export function JoinLinkCard({ code }: { code: string }) {
  const { t } = useTranslation();
  const url = joinUrl(location.origin, code);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="console-join">
      <Stack gap="xs">
        <Title order={2} size="h4" id="console-join">
          {t("training.console.joinLink")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("training.console.joinHint")}
        </Text>
        <Code block data-testid="join-link" style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
          {url}
        </Code>
        <Group>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                color={copied ? "teal.9" : undefined}
                onClick={copy}
                data-testid="copy-join-link"
              >
                {copied ? t("training.console.copied") : t("training.console.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Paper>
  );
}
