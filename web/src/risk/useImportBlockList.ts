import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BlockListImported } from "../../../src/risk/risk.schema.ts";
import { api } from "../app/api.ts";
import { blockListsKey } from "./blockListsKey.ts";

export type { BlockListImported };

/** Imports a URLhaus/PhishTank-style host list under a name (`POST /api/risk/blocklists`). */
export function useImportBlockList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; content: string }) =>
      api<BlockListImported>("/api/risk/blocklists", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blockListsKey }),
  });
}
