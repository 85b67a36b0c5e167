import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** "Passed" in green or "Not passed" in grey, both ≥ 4.5:1. */
export function PassedBadge({ passed }: { passed: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={passed ? "teal.9" : "gray.7"} c="white" data-testid="passed-badge">
      {passed ? t("training.progress.passed") : t("training.progress.failed")}
    </Badge>
  );
}
