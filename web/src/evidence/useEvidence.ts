import { useQuery } from "@tanstack/react-query";
import type { EvidenceRead } from "../../../src/evidence/evidence.schema.ts";
import { api } from "../app/api.ts";
import { evidenceKey } from "./evidenceKey.ts";

/** Evidence items, newest first, optionally of one incident or post (`GET /api/evidence`). */
export function useEvidence(filter: { incidentId?: string | undefined; postId?: string | undefined } = {}) {
  return useQuery({
    queryKey: [...evidenceKey, "list", filter.incidentId ?? "", filter.postId ?? ""],
    queryFn: ({ signal }) =>
      api<{ items: EvidenceRead[] }>("/api/evidence", {
        query: { incidentId: filter.incidentId, postId: filter.postId },
        signal,
      }),
    select: (list) => list.items,
    refetchInterval: 30_000,
  });
}
