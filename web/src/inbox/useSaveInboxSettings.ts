import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InboxSettingsRead, InboxSettingsUpdate } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Saves the inbox settings (`PATCH /api/inbox/settings`). */
export function useSaveInboxSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InboxSettingsUpdate) =>
      api<InboxSettingsRead>("/api/inbox/settings", { method: "PATCH", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}
