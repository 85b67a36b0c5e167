import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AlertChannelRead, AlertChannelUpdate } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertChannelsKey } from "./alertChannelsKey.ts";

/** Changes a delivery channel, e.g. switches it off (`PATCH /api/alert-channels/:id`). */
export function useUpdateAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: AlertChannelUpdate }) =>
      api<AlertChannelRead>(`/api/alert-channels/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: changes,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertChannelsKey }),
  });
}
