import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SavedReplyCreate, SavedReplyRead } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Creates a saved reply, or changes one when `id` is given. */
export function useSaveSavedReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: SavedReplyCreate & { id?: string }) =>
      id
        ? api<SavedReplyRead>(`/api/inbox/saved-replies/${encodeURIComponent(id)}`, { method: "PATCH", body })
        : api<SavedReplyRead>("/api/inbox/saved-replies", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
