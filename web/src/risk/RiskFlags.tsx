import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RiskCategory } from "../../../src/posts/posts.schema.ts";
import { flagColor, priorityColor, priorityLevel } from "./riskDisplay.ts";

interface RiskFlagsProps {
  /** The engine's 0..1 priority. */
  priority: number;
  flags: readonly RiskCategory[];
}

/** The priority ("Priorität hoch", the number in the title) and one badge per flagged risk or chance. */
export function RiskFlags({ priority, flags }: RiskFlagsProps) {
  const { t, i18n } = useTranslation();
  const level = priorityLevel(priority);
  const value = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(priority);
  return (
    <Group gap={4} wrap="wrap" role="group" aria-label={t("risk.flagsLabel")}>
      <Badge
        variant={level === "high" ? "filled" : "outline"}
        color={priorityColor[level]}
        size="sm"
        title={t("risk.priorityTitle", { value })}
        data-testid="post-priority"
        data-level={level}
        data-priority={priority}
      >
        {t(`risk.priority.${level}`)}
      </Badge>
      {flags.map((category) => (
        <Badge
          key={category}
          variant="filled"
          color={flagColor(category)}
          size="sm"
          title={t("risk.flagTitle", { category: t(`risk.categories.${category}`) })}
          data-testid="post-flag"
          data-category={category}
        >
          {t(`risk.categories.${category}`)}
        </Badge>
      ))}
    </Group>
  );
}
