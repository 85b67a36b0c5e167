import { useQuery } from "@tanstack/react-query";
import type { AlertChannelRead } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertChannelsKey } from "./alertChannelsKey.ts";

/** Where alerts are delivered besides the app, without secrets (`GET /api/alert-channels`). */
export function useAlertChannels() {
  return useQuery({
    queryKey: alertChannelsKey,
    queryFn: ({ signal }) => api<{ items: AlertChannelRead[] }>("/api/alert-channels", { signal }),
    select: (list) => list.items,
  });
}
