import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { alertChannelsKey } from "./alertChannelsKey.ts";
import { alertRulesKey } from "./alertRulesKey.ts";

/** Deletes a delivery channel (`DELETE /api/alert-channels/:id`); rules lose it from their channels. */
export function useDeleteAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/alert-channels/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: alertChannelsKey }),
        queryClient.invalidateQueries({ queryKey: alertRulesKey }),
      ]),
  });
}
