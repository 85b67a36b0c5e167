/** Stable machine-readable error codes of the API (the `code` member of every problem+json body). */
export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "invalid_credentials"
  | "csrf_failed"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** One field-level problem. */
export interface FieldProblem {
  /** Dotted path of the field (`author.handle`), or `(body)` for the whole body. */
  field: string;
  message: string;
}

/** An expected failure with a stable code; the HTTP layer turns it into RFC 9457 problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

/** The object was not found in the actor's organisation (also used for objects of other organisations). */
export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

/** The actor's role does not allow the action. */
export const forbidden = (action: string) =>
  new AppError("forbidden", `Your role does not allow you to ${action}`);
