import type {
  AccountSecurityRead,
  AccountSecurityWrite,
  OfficialAccountRead,
  TwoFactorMethod,
} from "../../../src/accounts/accounts.schema.ts";
import type { FieldProblem } from "../app/api.ts";

/** The security form's fields as the inputs hold them: text, "" for nothing, dates as YYYY-MM-DD. */
export interface SecurityDraft {
  owner: string;
  posters: string[];
  twoFactor: TwoFactorMethod;
  recoveryContact: string;
  recoveryVerifiedOn: string;
  accessReviewedOn: string;
  connectedApps: string[];
  note: string;
}

/** The form's starting values: what is recorded, or empty fields and an unknown sign-in method. */
export function draftOf(security: AccountSecurityRead | null): SecurityDraft {
  return {
    owner: security?.owner ?? "",
    posters: security?.posters ?? [],
    twoFactor: security?.twoFactor ?? "unknown",
    recoveryContact: security?.recoveryContact ?? "",
    recoveryVerifiedOn: security?.recoveryVerifiedOn ?? "",
    accessReviewedOn: security?.accessReviewedOn ?? "",
    connectedApps: security?.connectedApps ?? [],
    note: security?.note ?? "",
  };
}

const textOrNull = (value: string) => value.trim() || null;
const listOf = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

/**
 * The body of `PUT /api/accounts/security` for an account: empty fields become null, lists lose blanks and
 * repeats, and the platform is left out for an entry that covers every platform.
 */
export function securityWrite(
  account: Pick<OfficialAccountRead, "platform" | "handle">,
  draft: SecurityDraft,
): AccountSecurityWrite {
  return {
    ...(account.platform === null ? {} : { platform: account.platform }),
    handle: account.handle,
    owner: textOrNull(draft.owner),
    posters: listOf(draft.posters),
    twoFactor: draft.twoFactor,
    recoveryContact: textOrNull(draft.recoveryContact),
    recoveryVerifiedOn: textOrNull(draft.recoveryVerifiedOn),
    accessReviewedOn: textOrNull(draft.accessReviewedOn),
    connectedApps: listOf(draft.connectedApps),
    // A note keeps its line breaks and spacing; only an empty one is cleared.
    note: draft.note.trim() ? draft.note : null,
  };
}

/** The server's message for a form field, including those about one entry of a list (`posters.2`). */
export function fieldMessage(errors: readonly FieldProblem[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
}

/** Whether the server named a field the form does not show, so its message must be shown above the form. */
export function hasUnshownProblem(
  errors: readonly FieldProblem[] | undefined,
  shown: readonly string[],
): boolean {
  return (errors ?? []).some(
    (e) => !shown.some((field) => e.field === field || e.field.startsWith(`${field}.`)),
  );
}
