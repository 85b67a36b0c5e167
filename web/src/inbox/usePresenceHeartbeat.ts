import { useEffect } from "react";
import { api } from "../app/api.ts";

/** How often a heartbeat is sent while someone writes (the server counts one for 30 s). */
export const heartbeatMs = 12_000;

const send = (id: string, composing: boolean) =>
  api<null>(`/api/inbox/conversations/${encodeURIComponent(id)}/presence`, {
    method: "POST",
    body: { composing },
  }).catch(() => {
    // Presence is a courtesy to colleagues; a missed beat must never disturb writing the answer.
  });

/** While `composing`, tells colleagues every 12 s that this person is answering; says when they stop. */
export function usePresenceHeartbeat(id: string, composing: boolean) {
  useEffect(() => {
    if (!composing) return;
    void send(id, true);
    const timer = setInterval(() => void send(id, true), heartbeatMs);
    return () => {
      clearInterval(timer);
      void send(id, false);
    };
  }, [id, composing]);
}
