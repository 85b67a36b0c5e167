import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";
import { api } from "../app/api.ts";
import { draftsKey } from "./draftsKey.ts";

/** Changes a draft (`PATCH /api/drafts/:id`): the check runs again and an approval is dropped. */
export function useUpdateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      version: number;
      text?: string;
      lang?: "de" | "en" | "other";
      connectorId?: string | null;
    }) => api<DraftRead>(`/api/drafts/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: draftsKey }),
  });
}
