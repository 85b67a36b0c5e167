import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import type { ChannelTestResult } from "../../../src/alerts/alerts.schema.ts";
import { api } from "../app/api.ts";

/** Sends a test message through a channel (`POST /api/alert-channels/:id/test`). */
export function useTestAlertChannel() {
  return useMutation({
    mutationFn: (id: string) =>
      api<z.infer<typeof ChannelTestResult>>(`/api/alert-channels/${encodeURIComponent(id)}/test`, {
        method: "POST",
      }),
  });
}
