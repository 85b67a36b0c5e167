import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ConnectorCreate, ConnectorRead } from "../../../src/connectors/connectors.schema.ts";
import { api } from "../app/api.ts";
import { connectorsKey } from "./connectorsKey.ts";

/** Adds a connector; the server checks its settings and seals its secrets (`POST /api/connectors`). */
export function useCreateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ConnectorCreate>) =>
      api<ConnectorRead>("/api/connectors", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectorsKey }),
  });
}
