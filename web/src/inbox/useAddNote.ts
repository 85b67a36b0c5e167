import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { NoteRead } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Adds an internal note to a conversation (`POST /api/inbox/conversations/:id/notes`). */
export function useAddNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api<NoteRead>(`/api/inbox/conversations/${encodeURIComponent(id)}/notes`, {
        method: "POST",
        body: { text },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
