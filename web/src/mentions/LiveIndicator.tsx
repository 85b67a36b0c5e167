import { Box, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { StreamStatus } from "./usePostStream.ts";

const dotColor: Record<StreamStatus | "paused", string> = {
  open: "var(--mantine-color-teal-7)",
  connecting: "var(--mantine-color-yellow-6)",
  closed: "var(--mantine-color-red-8)",
  paused: "var(--mantine-color-gray-6)",
};

/** Shows whether new mentions are arriving live: `data-state` is open, connecting, closed or paused. */
export function LiveIndicator({ status, paused }: { status: StreamStatus; paused: boolean }) {
  const { t } = useTranslation();
  const state = paused && status === "open" ? "paused" : status;
  return (
    <Group gap={6} role="status" data-testid="live-indicator" data-state={state}>
      <Box
        aria-hidden="true"
        w={10}
        h={10}
        style={{ borderRadius: "50%", background: dotColor[state] }}
        className={state === "open" ? "live-dot" : undefined}
      />
      <Text size="sm" fw={600}>
        {t(`mentions.live.${state}`)}
      </Text>
    </Group>
  );
}
