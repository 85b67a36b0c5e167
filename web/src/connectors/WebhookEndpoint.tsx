import { Anchor, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { webhookEndpoint } from "./webhookEndpoint.ts";

/** For a `webhook` connector: the endpoint URL to give to the sender and how to sign requests. */
export function WebhookEndpoint({ connectorId }: { connectorId: string }) {
  const { t } = useTranslation();
  const url = webhookEndpoint(window.location.origin, connectorId);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t("connectors.webhook.endpoint")}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code
          block
          style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", flex: 1 }}
          data-testid="connector-webhook-url"
        >
          {url}
        </Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="default" onClick={copy}>
              {copied ? t("connectors.webhook.copied") : t("connectors.webhook.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm">{t("connectors.webhook.signing")}</Text>
      <Anchor href="/api/docs#/connectors/receiveWebhook" target="_blank" rel="noreferrer" size="sm">
        {t("connectors.webhook.docs")}
      </Anchor>
    </Stack>
  );
}
