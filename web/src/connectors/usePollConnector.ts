import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ConnectorRunResult } from "../../../src/connectors/connectors.schema.ts";
import { api } from "../app/api.ts";
import { connectorsKey } from "./connectorsKey.ts";

/** The outcome of polling a connector now: posts delivered and its health afterwards. */
export type PollResult = z.infer<typeof ConnectorRunResult>;

/** Polls a connector now and reports how it went (`POST /api/connectors/:id/poll`). */
export function usePollConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<PollResult>(`/api/connectors/${encodeURIComponent(id)}/poll`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectorsKey }),
  });
}
