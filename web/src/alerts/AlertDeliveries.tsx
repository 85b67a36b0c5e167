import { Badge, Group, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AlertDeliveryRead } from "../../../src/alerts/alerts.schema.ts";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { deliveryColour, sortDeliveries } from "./alertDisplay.ts";

/** Where an alert went: one line per channel, failed ones with their error and attempts, pending ones with the next try. */
export function AlertDeliveries({
  deliveries,
  now,
}: {
  deliveries: readonly AlertDeliveryRead[];
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (deliveries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("alerts.deliveries.none")}
      </Text>
    );
  }
  const when = (iso: string) => (
    <time dateTime={iso} title={formatDateTime(iso, lang)}>
      {formatRelativeTime(iso, now, lang)}
    </time>
  );
  return (
    <List listStyleType="none" spacing={4} aria-label={t("alerts.deliveries.label")} size="sm">
      {sortDeliveries(deliveries).map((delivery) => (
        <List.Item key={delivery.id} data-testid="alert-delivery" data-state={delivery.state}>
          <Group gap={6} wrap="wrap">
            <Badge size="sm" variant="outline" color={deliveryColour[delivery.state]}>
              {t(`alerts.deliveries.states.${delivery.state}`)}
            </Badge>
            <Text size="sm" fw={500}>
              {delivery.channelName}
            </Text>
            <Text size="sm" c="dimmed">
              ({t(`alerts.channels.kinds.${delivery.kind}`)})
            </Text>
            <Text size="sm">
              {delivery.state === "sent" && delivery.sentAt && (
                <>
                  {t("alerts.deliveries.sentAt")} {when(delivery.sentAt)}
                </>
              )}
              {delivery.state !== "sent" && t("alerts.deliveries.attempts", { count: delivery.attempts })}
              {delivery.state === "pending" && delivery.nextAttemptAt && (
                <>
                  {" · "}
                  {t("alerts.deliveries.nextAttempt")} {when(delivery.nextAttemptAt)}
                </>
              )}
            </Text>
          </Group>
          {delivery.lastError && delivery.state !== "sent" && (
            <Text size="sm" c="red.9" className="post-text" data-testid="alert-delivery-error">
              {t("alerts.deliveries.error", { error: delivery.lastError })}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
