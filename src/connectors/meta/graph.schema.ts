// Shapes the Meta Graph API shares between Facebook Pages and Instagram: paged edges, the error object and
// its time stamps. Sources: Graph API guide "Paginated Results" (developers.facebook.com/docs/graph-api/results)
// and "Handling Errors" (developers.facebook.com/docs/graph-api/guides/error-handling).
import { z } from "zod";

/** `paging` of an edge: cursors, and `next` only while there is a next page ("stop paging when it no longer appears"). */
export const GraphPaging = z.object({
  cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});
export type GraphPaging = z.infer<typeof GraphPaging>;

/** One page of an edge; items are checked one by one, so a malformed item costs only itself. */
export const GraphPage = z.object({
  data: z.array(z.unknown()),
  paging: GraphPaging.optional(),
});
export type GraphPage = z.infer<typeof GraphPage>;

/** The body of a failed request: `{ error: { message, type, code, error_subcode, fbtrace_id } }`. */
export const GraphError = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    /** Set by Graph on errors worth retrying as they are. */
    is_transient: z.boolean().optional(),
    /** Support id; useful in a message, expires soon. */
    fbtrace_id: z.string().optional(),
  }),
});
export type GraphError = z.infer<typeof GraphError>;

/** Graph writes times as `2026-11-25T09:12:44+0000` (offset without colon), which ISO 8601 parsers refuse. */
export const GraphTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/u, "a Graph API time stamp")
  .refine((s) => !Number.isNaN(Date.parse(s)), "a valid date");

/** A Graph time stamp as ISO 8601 in UTC (`2026-11-25T09:12:44.000Z`). */
export function graphTimeToIso(time: string): string {
  return new Date(time).toISOString();
}

/** A Graph time stamp as Unix seconds, the unit of the `since` parameter. */
export function graphTimeToUnix(time: string): number {
  return Math.floor(Date.parse(time) / 1000);
}

/** The `after` cursor of the next page, or undefined on the last page (no `next` link). */
export function nextAfter(paging: GraphPaging | undefined): string | undefined {
  return paging?.next ? paging.cursors?.after : undefined;
}
