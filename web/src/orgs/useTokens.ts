import { useQuery } from "@tanstack/react-query";
import type { TokenRead } from "../../../src/orgs/orgs.schema.ts";
import { api } from "../app/api.ts";
import { tokensKey } from "./tokensKey.ts";

/** The organisation's API tokens, without their secrets (`GET /api/tokens`). */
export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => api<{ items: TokenRead[] }>("/api/tokens", { signal }),
    select: (list) => list.items,
  });
}
