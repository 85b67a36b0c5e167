import { z } from "zod";

/** Kinds of source: the API, file imports, scenarios, and (later) one per connector. */
export const SourceKind = z.enum(["api", "import", "scenario"]);
export type SourceKind = z.infer<typeof SourceKind>;

/** A source as the API returns it. */
export const SourceRead = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** Posts stored from this source. */
  posts: z.number().int(),
});
export type SourceRead = z.infer<typeof SourceRead>;

export const SourceList = z.object({ items: z.array(SourceRead) });
