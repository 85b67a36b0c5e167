import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";
import { api } from "../app/api.ts";
import { draftsKey } from "./draftsKey.ts";

/** The steps of a draft's way out, each a `POST /api/drafts/:id/<action>` with the version shown. */
export type DraftAction = "submit" | "approve" | "reject" | "send" | "mark-sent";

/** Submits, approves, rejects, sends again or marks sent a draft; the body carries the version shown. */
export function useDraftAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      body,
    }: {
      id: string;
      action: DraftAction;
      body: { version: number; comment?: string; reason?: string; url?: string };
    }) => api<DraftRead>(`/api/drafts/${encodeURIComponent(id)}/${action}`, { method: "POST", body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: draftsKey }),
  });
}
