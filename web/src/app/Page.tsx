import { Group, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { usePageTitle } from "./usePageTitle.ts";

/** The frame of every page: its one h1, the matching `<title>`, optional actions beside the heading. */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
