import { z } from "zod";

/** RFC 9457 problem details, as every error response of the API is shaped. */
export const Problem = z
  .object({
    /** A URI naming the kind of problem. */
    type: z.string(),
    /** A short summary of the kind of problem. */
    title: z.string(),
    /** The HTTP status code. */
    status: z.number().int(),
    /** What went wrong this time, for people. */
    detail: z.string(),
    /** Stable code for programs, e.g. `validation_failed`. */
    code: z.string(),
    /** Field-level problems of a validation failure. */
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Builds a problem body. */
export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: { field: string; message: string }[],
): Problem {
  return {
    type: `https://brandwache.dev/problems/${code}`,
    title: titles[status] ?? "Error",
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** The error responses every route may give; merged into each route's `response` for OpenAPI. */
export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  429: Problem,
} as const;
