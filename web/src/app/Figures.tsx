import { Paper, SimpleGrid, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One figure of a page's at-a-glance row: a label above its value. */
export function FigureCard({
  testId,
  label,
  children,
}: {
  testId: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </Paper>
  );
}

/** A figure's value in large type; a colour (shade 9, for contrast on white) only where words say it too. */
export function BigFigure({ value, colour }: { value: string; colour?: string | undefined }) {
  return (
    <Text span fz={28} fw={700} lh={1.2} c={colour} data-testid="figure-value">
      {value}
    </Text>
  );
}

/** The row of figures, four to a line on wide screens; placeholders while `children` is not there yet. */
export function FigureRow({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: ReactNode | undefined;
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="section" aria-label={label} data-testid={testId}>
      {children ??
        ["a", "b", "c", "d"].map((key) => (
          <Paper key={key} withBorder p="md">
            <Skeleton h={16} w="60%" />
            <Skeleton h={32} mt={6} w={80} />
          </Paper>
        ))}
    </SimpleGrid>
  );
}
