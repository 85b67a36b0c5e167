import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type HealthState, healthColour, healthLabelKey } from "./connectorHealth.ts";

/** A connector's health state as a filled badge ("OK", "Zugangsdaten abgelehnt"); `push` for the incoming webhook. */
export function HealthBadge({ state, push }: { state: HealthState; push: boolean }) {
  const { t } = useTranslation();
  const colour = healthColour[state];
  return (
    <Badge
      variant="filled"
      color={colour.bg}
      c={colour.fg}
      miw="max-content"
      data-testid="connector-health"
      data-state={state}
    >
      {t(healthLabelKey(state, push))}
    </Badge>
  );
}
