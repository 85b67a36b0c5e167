import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Stance } from "../../../src/stakeholders/stakeholders.schema.ts";

// Every pair reaches 4.5:1 (WCAG AA). Mantine's green-9 reaches only 4.4:1 with white, so friends are teal-9;
// unknown is an outline (gray-8 text on the page, 11.5:1) so it does not read as a stance of its own.
const stanceColour: Record<Stance, { bg: string; fg: string; variant: "filled" | "outline" }> = {
  friend: { bg: "teal.9", fg: "white", variant: "filled" }, // 5.0:1
  neutral: { bg: "gray.7", fg: "white", variant: "filled" }, // 8.2:1
  foe: { bg: "red.9", fg: "white", variant: "filled" }, // 5.5:1
  unknown: { bg: "gray.8", fg: "gray.8", variant: "outline" }, // 11.5:1
};

/** Friend, neutral, foe or unknown as a coloured badge; the word carries the meaning, the colour helps. */
export function StanceBadge({ stance }: { stance: Stance }) {
  const { t } = useTranslation();
  const colour = stanceColour[stance];
  return (
    <Badge
      variant={colour.variant}
      color={colour.bg}
      c={colour.fg}
      miw="max-content"
      data-testid="stance-badge"
      data-stance={stance}
    >
      {t(`stakeholders.stances.${stance}`)}
    </Badge>
  );
}
