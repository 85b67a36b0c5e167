import { type CSSVariablesResolver, createTheme } from "@mantine/core";

/** Brandwache's Mantine theme: a warm red ("Brand" = fire) as the accent. */
export const theme = createTheme({
  primaryColor: "red",
  primaryShade: { light: 9, dark: 6 },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "sm",
  focusRing: "auto",
});

// Mantine's dimmed text (gray-6, #868e96) reaches only 3.3:1 on white; gray-7 (#495057) gives 8:1 (WCAG AA needs 4.5:1).
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)" },
  dark: {},
});
