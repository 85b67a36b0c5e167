import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { ConnectorKindRead } from "../../../src/connectors/connectors.schema.ts";
import { api } from "../app/api.ts";
import { connectorKindsKey } from "./connectorsKey.ts";

/** A connector kind with its settings and secrets as JSON Schema. */
export type ConnectorKind = z.infer<typeof ConnectorKindRead>;

/** The connector kinds of the installation (`GET /api/connector-kinds`); they change only with a new release. */
export function useConnectorKinds() {
  return useQuery({
    queryKey: connectorKindsKey,
    queryFn: ({ signal }) => api<{ items: ConnectorKind[] }>("/api/connector-kinds", { signal }),
    select: (list) => list.items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
