import { useQuery } from "@tanstack/react-query";
import type { ConnectorRead } from "../../../src/connectors/connectors.schema.ts";
import { api } from "../app/api.ts";
import { connectorsKey } from "./connectorsKey.ts";

/** The organisation's connectors with their health, without secrets (`GET /api/connectors`); refreshed every 15 s as the runner polls. */
export function useConnectors() {
  return useQuery({
    queryKey: connectorsKey,
    queryFn: ({ signal }) => api<{ items: ConnectorRead[] }>("/api/connectors", { signal }),
    select: (list) => list.items,
    refetchInterval: 15_000,
  });
}
