import { z } from "zod";

/** A tracked topic as it is created. */
export const TopicCreate = z
  .object({
    /** Short name shown in filters and alerts. */
    name: z.string().trim().min(1).max(120),
    /** Boolean query (AND, OR, NOT, "phrases", word*, NEAR/n, author:, lang:, platform:). */
    query: z.string().trim().min(1).max(4000),
    /** What the team watches this topic for. */
    description: z.string().max(2000).optional(),
  })
  .strict();
export type TopicCreate = z.infer<typeof TopicCreate>;

/** Changes to a tracked topic; absent fields stay as they are. */
export const TopicUpdate = TopicCreate.partial().strict();
export type TopicUpdate = z.infer<typeof TopicUpdate>;

/** A tracked topic as the API returns it. */
export const TopicRead = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TopicRead = z.infer<typeof TopicRead>;

export const TopicList = z.object({ items: z.array(TopicRead) });
export type TopicList = z.infer<typeof TopicList>;

/** Body of `POST /api/topics/validate`: a query to check while the user types. */
export const QueryValidate = z.object({ query: z.string().max(4000) });

/** The answer: either the query in canonical form, or the first syntax error with its position. */
export const QueryValidation = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), canonical: z.string() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      /** Stable code, e.g. `unclosed_paren`. */
      code: z.string(),
      /** Human-readable message (English). */
      message: z.string(),
      /** 0-based character offset in the query where the problem is. */
      position: z.number().int(),
    }),
  }),
]);
export type QueryValidation = z.infer<typeof QueryValidation>;
