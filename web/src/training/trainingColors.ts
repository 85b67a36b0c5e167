import type { ExerciseStatus, FeedItem } from "../../../src/training/training.schema.ts";

/** Badge colours of an exercise's status; each pair reaches at least 4.5:1 contrast (WCAG AA; green.9 with white is only 4.4:1). */
export const statusColor: Record<ExerciseStatus, { bg: string; fg: string }> = {
  lobby: { bg: "gray.7", fg: "white" },
  running: { bg: "teal.9", fg: "white" },
  paused: { bg: "yellow.5", fg: "black" },
  ended: { bg: "blue.9", fg: "white" },
};

/** Badge colours of a feed line's kind, at least 4.5:1 contrast. */
export const feedKindColor: Record<FeedItem["kind"], { bg: string; fg: string }> = {
  inject: { bg: "red.9", fg: "white" },
  branch: { bg: "grape.9", fg: "white" },
  control: { bg: "gray.7", fg: "white" },
  action: { bg: "teal.9", fg: "white" },
};

/** Background of the training banner: a violet band no live page uses, with white text (≥ 7:1). */
export const bannerColor = { bg: "grape.9", fg: "white" } as const;
