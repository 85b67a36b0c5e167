import { Box, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One labelled value of a fact list. */
export interface Fact {
  id: string;
  label: string;
  value: ReactNode;
}

/** Labelled values as a description list (`<dl>`), one pair per cell, so screen readers read label and value together. */
export function FactList({ facts, cols = 2 }: { facts: readonly Fact[]; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: cols }} spacing="sm" verticalSpacing={8} m={0}>
      {facts.map((fact) => (
        <div key={fact.id} data-testid={`fact-${fact.id}`}>
          <Text component="dt" size="xs" c="dimmed">
            {fact.label}
          </Text>
          <Box component="dd" m={0} fz="sm" style={{ overflowWrap: "anywhere" }}>
            {fact.value}
          </Box>
        </div>
      ))}
    </SimpleGrid>
  );
}
