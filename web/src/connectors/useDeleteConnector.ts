import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../app/api.ts";
import { connectorsKey } from "./connectorsKey.ts";

/** Deletes a connector; the posts it brought stay (`DELETE /api/connectors/:id`). */
export function useDeleteConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/connectors/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectorsKey }),
  });
}
