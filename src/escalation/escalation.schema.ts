import { z } from "zod";

/** A topic's escalation as the API returns it. */
export const TopicEscalationRead = z.object({
  topicId: z.string(),
  /** 0 (no critical voices) … 6 (a storm that mainstream media report on); docs/ESCALATION.md. */
  level: z.number().int().min(0).max(6),
  /** Why, in German and in English ("Stufe 4: 7,3× normales Volumen, …"). */
  explanation: z.object({ de: z.string(), en: z.string() }),
  /** Since when the level holds (ISO 8601). */
  since: z.string(),
  /** The anomaly score of the per-minute volume, 0..1 (0.5 and up: unusual). */
  anomalyScore: z.number(),
  metrics: z.record(z.string(), z.number()),
  /** Posts per minute for the last hour, oldest first. */
  minutes: z.array(z.object({ t: z.string(), volume: z.number(), negative: z.number() })),
});
export type TopicEscalationRead = z.infer<typeof TopicEscalationRead>;

export const EscalationList = z.object({ items: z.array(TopicEscalationRead) });
