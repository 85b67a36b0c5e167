import { Box, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

const MAX_INFLUENCE = 5;

/** Influence 1-5 as five small bars and the digit; screen readers and the tooltip say "4 of 5". */
export function InfluenceMeter({ value }: { value: number }) {
  const { t } = useTranslation();
  const label = t("stakeholders.influenceOf", { value, max: MAX_INFLUENCE });
  return (
    // role="img": the bars and digit are one picture whose name says it all (its children are not read).
    <Group
      gap={3}
      wrap="nowrap"
      role="img"
      aria-label={label}
      title={label}
      data-testid="influence"
      data-value={value}
    >
      {Array.from({ length: MAX_INFLUENCE }, (_, i) => i).map((i) => (
        <Box
          key={i}
          w={7}
          h={14}
          bd="1px solid var(--mantine-color-gray-7)"
          bg={i < value ? "var(--mantine-color-gray-7)" : "transparent"}
          style={{ borderRadius: 2 }}
        />
      ))}
      <Text size="sm" ml={4}>
        {value}
      </Text>
    </Group>
  );
}
