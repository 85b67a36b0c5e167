import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

// Shitstorm scale from grey to deep red and purple; every pair reaches 4.5:1 (WCAG AA). Mantine's yellow-9
// and orange-9 reach only 3.0 and 4.3 with white text, so level 2 is black on yellow and level 3 a darker orange.
const levelColour: readonly { bg: string; fg: string }[] = [
  { bg: "gray.7", fg: "white" }, // 8.2:1
  { bg: "teal.9", fg: "white" }, // 5.0:1
  { bg: "yellow.5", fg: "black" }, // 13:1
  { bg: "#b33c00", fg: "white" }, // 5.9:1
  { bg: "red.9", fg: "white" }, // 5.5:1
  { bg: "#8b1a1a", fg: "white" }, // 9.3:1
  { bg: "grape.9", fg: "white" }, // 7.3:1
];

/** The escalation level 0-6 as a coloured badge ("Stufe 4"). */
export function LevelBadge({ level }: { level: number }) {
  const { t } = useTranslation();
  const colour = levelColour[level] ?? { bg: "gray.7", fg: "white" };
  return (
    // Never shrunk to "STUF…" in a narrow table column.
    <Badge variant="filled" color={colour.bg} c={colour.fg} miw="max-content" data-testid="level-badge">
      {t("escalation.levelN", { level })}
    </Badge>
  );
}
