import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";
import { api } from "../app/api.ts";
import { draftsKey } from "./draftsKey.ts";

/** What a new draft carries. */
export interface NewDraft {
  kind: "reply" | "post";
  conversationId?: string;
  connectorId?: string | null;
  text: string;
  lang: "de" | "en" | "other";
}

/** Writes a new draft (`POST /api/drafts`). */
export function useCreateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: NewDraft) => api<DraftRead>("/api/drafts", { method: "POST", body: draft }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: draftsKey }),
  });
}
