import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api.ts";

/** The app's one query client: no retries for client errors (4xx), which a retry cannot fix. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});
