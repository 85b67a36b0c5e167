import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";

/** The i18n key of a draft's state as people read it (an approved draft without a sender is "send by hand"). */
export function draftStatusKey(draft: Pick<DraftRead, "state" | "sendByHand">): string {
  if (draft.state === "approved" && draft.sendByHand) return "publishing.state.byHand";
  return `publishing.state.${draft.state}`;
}

/** The badge colour of a state. */
export function draftStatusColour(state: DraftRead["state"]): string {
  switch (state) {
    case "sent":
      return "green";
    case "failed":
    case "rejected":
      return "red";
    case "pending_approval":
      return "orange";
    case "approved":
    case "sending":
      return "blue";
    default:
      return "gray";
  }
}
