import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AlertChannelCreate, AlertChannelRead } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";
import { alertChannelsKey } from "./alertChannelsKey.ts";

/** Creates a delivery channel (`POST /api/alert-channels`). */
export function useCreateAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertChannelCreate) =>
      api<AlertChannelRead>("/api/alert-channels", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertChannelsKey }),
  });
}
