import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PostureFindingRead, PostureGrade } from "../../../src/accounts/accounts.schema.ts";

type Severity = PostureFindingRead["severity"];
type Colour = { bg: string; fg: string; variant: "filled" | "outline" };

// Every pair reaches 4.5:1 (WCAG AA); the word carries the meaning, the colour helps. Mantine's orange-9
// reaches only 4.3:1 with white, so "attention" and "medium" are black on yellow-4 (14.7:1). Nothing
// recorded is an outline (gray-8 on the page, 11.5:1) so it does not read as a grade of its own.
const gradeColour: Record<PostureGrade, Colour> = {
  good: { bg: "teal.9", fg: "white", variant: "filled" }, // 5.0:1
  attention: { bg: "yellow.4", fg: "black", variant: "filled" }, // 14.7:1
  at_risk: { bg: "red.9", fg: "white", variant: "filled" }, // 5.5:1
  unknown: { bg: "gray.8", fg: "gray.8", variant: "outline" }, // 11.5:1
};

const severityColour: Record<Severity, Colour> = {
  high: { bg: "red.9", fg: "white", variant: "filled" }, // 5.5:1
  medium: { bg: "yellow.4", fg: "black", variant: "filled" }, // 14.7:1
  low: { bg: "gray.7", fg: "white", variant: "filled" }, // 8.2:1
};

/** An account's security grade as a badge: good, needs attention, at risk or not recorded. */
export function GradeBadge({ grade }: { grade: PostureGrade }) {
  const { t } = useTranslation();
  const colour = gradeColour[grade];
  return (
    <Badge
      size="lg"
      variant={colour.variant}
      color={colour.bg}
      c={colour.fg}
      miw="max-content"
      data-testid="account-grade"
      data-grade={grade}
    >
      {t("accounts.grade.label", { grade: t(`accounts.grade.${grade}`) })}
    </Badge>
  );
}

/** How urgent a finding is, as a small badge in front of its sentence. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  const colour = severityColour[severity];
  return (
    <Badge size="sm" variant={colour.variant} color={colour.bg} c={colour.fg} miw={72}>
      {t(`accounts.severity.${severity}`)}
    </Badge>
  );
}
