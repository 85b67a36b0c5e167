import { useQuery } from "@tanstack/react-query";
import type { BlockLists } from "../../../src/risk/risk.schema.ts";
import { api } from "../app/api.ts";
import { blockListsKey } from "./blockListsKey.ts";

/** One imported list of known-bad hosts and how many hosts it holds. */
export type BlockList = BlockLists["items"][number];

/** The imported block lists and their sizes (`GET /api/risk/blocklists`). */
export function useBlockLists() {
  return useQuery({
    queryKey: blockListsKey,
    queryFn: ({ signal }) => api<BlockLists>("/api/risk/blocklists", { signal }),
    select: (list) => list.items,
  });
}
