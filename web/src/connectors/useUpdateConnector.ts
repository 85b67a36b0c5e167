import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ConnectorRead, ConnectorUpdate } from "../../../src/connectors/connectors.schema.ts";
import { api } from "../app/api.ts";
import { connectorsKey } from "./connectorsKey.ts";

/** Renames, pauses, resumes or reconfigures a connector; new secrets replace the old ones (`PATCH /api/connectors/:id`). */
export function useUpdateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: ConnectorUpdate }) =>
      api<ConnectorRead>(`/api/connectors/${encodeURIComponent(id)}`, { method: "PATCH", body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectorsKey }),
  });
}
