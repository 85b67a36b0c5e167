import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConversationSummary } from "../../../src/inbox/inbox.schema.ts";
import { formatDuration, slaState } from "./slaState.ts";

/** "due in 23 min" (first response, then resolution), "breached" or "met", in colours with enough contrast. */
export function SlaBadge({ conversation, now }: { conversation: ConversationSummary; now: number }) {
  const { t } = useTranslation();
  const state = slaState(conversation, now);
  if (state.kind === "breached") {
    return (
      <Badge color="red.8" variant="filled" data-testid="sla-badge">
        {t("inbox.sla.breached")}
      </Badge>
    );
  }
  if (state.kind === "met") {
    return (
      <Badge color="green.9" variant="outline" data-testid="sla-badge">
        {t("inbox.sla.met")}
      </Badge>
    );
  }
  const d = formatDuration(state.minutes);
  const duration =
    d.days > 0
      ? t("inbox.sla.duration.days", { d: d.days, h: d.hours })
      : d.hours > 0
        ? t("inbox.sla.duration.hours", { h: d.hours, m: d.minutes })
        : t("inbox.sla.duration.minutes", { m: d.minutes });
  return (
    <Badge
      color={state.minutes <= 15 ? "orange.9" : "gray.8"}
      variant="outline"
      title={t(state.target === "first_response" ? "inbox.sla.firstResponse" : "inbox.sla.resolution")}
      data-testid="sla-badge"
    >
      {t("inbox.sla.dueIn", { duration })}
    </Badge>
  );
}
