import { useQuery } from "@tanstack/react-query";
import type { InboxSettingsRead } from "../../../src/inbox/inbox.schema.ts";
import { api } from "../app/api.ts";
import { inboxKey } from "./inboxKey.ts";

/** Attention threshold, service calendar and targets (`GET /api/inbox/settings`). */
export function useInboxSettings() {
  return useQuery({
    queryKey: [...inboxKey, "settings"],
    queryFn: ({ signal }) => api<InboxSettingsRead>("/api/inbox/settings", { signal }),
  });
}
