import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TokenCreated } from "../../../src/orgs/orgs.schema.ts";
import { api } from "../app/api.ts";
import { tokensKey } from "./tokensKey.ts";

/** Creates an API token (`POST /api/tokens`); the answer holds the secret, shown once. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<TokenCreated>("/api/tokens", { method: "POST", body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
