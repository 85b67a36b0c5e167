import { useEffect, useRef, useState } from "react";
import type { PostRead } from "../../../src/posts/posts.schema.ts";
import { withQuery } from "../app/api.ts";
import { type MentionFilters, streamQuery } from "./mentionFilters.ts";

/** State of the live connection, shown by the live indicator. */
export type StreamStatus = "connecting" | "open" | "closed";

interface StreamHandlers {
  /** A new post matching the filters was stored. */
  onPost: (post: PostRead) => void;
  /** The stream came back after a break; posts may have been missed, so refetch the list. */
  onReconnect: () => void;
}

// EventSource gives up for good on an HTTP error (e.g. 401, 502); try again after this long.
const RETRY_AFTER_CLOSE_MS = 5_000;

function looksLikePost(value: unknown): value is PostRead {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string";
}

/** Subscribes to `GET /api/posts/stream` (Server-Sent Events, `event: post`) for the filters; `enabled: false` opens nothing. */
export function usePostStream(
  filters: MentionFilters,
  handlers: StreamHandlers,
  enabled = true,
): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const [attempt, setAttempt] = useState(0);
  const handlersRef = useRef(handlers);
  // Survives re-opened EventSources, so the first open after any break triggers a refetch.
  const interruptedRef = useRef(false);
  handlersRef.current = handlers;
  const url = withQuery("/api/posts/stream", streamQuery(filters));

  useEffect(() => {
    // `attempt` is read so that a retry after a permanent close opens a fresh EventSource.
    void attempt;
    if (!enabled) {
      setStatus("closed");
      return;
    }
    setStatus("connecting");
    const source = new EventSource(url);
    let retry: ReturnType<typeof setTimeout> | undefined;

    source.onopen = () => {
      setStatus("open");
      if (interruptedRef.current) handlersRef.current.onReconnect();
      interruptedRef.current = false;
    };
    source.onerror = () => {
      interruptedRef.current = true;
      if (source.readyState === EventSource.CLOSED) {
        setStatus("closed");
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_AFTER_CLOSE_MS);
      } else {
        setStatus("connecting");
      }
    };
    source.addEventListener("post", (event) => {
      try {
        const data: unknown = JSON.parse((event as MessageEvent<string>).data);
        if (looksLikePost(data)) handlersRef.current.onPost(data);
      } catch {
        // A malformed event is skipped; the next refetch shows the post anyway.
      }
    });

    return () => {
      clearTimeout(retry);
      source.close();
    };
  }, [url, attempt, enabled]);

  return status;
}
