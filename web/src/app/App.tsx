import { MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect } from "react";
import { RouterProvider } from "react-router-dom";
import { sessionKey } from "../auth/sessionKey.ts";
import { setCsrfToken, setUnauthorizedHandler } from "./api.ts";
import { queryClient } from "./queryClient.ts";
import { router } from "./router.tsx";
import { cssVariablesResolver, theme } from "./theme.ts";

/** The root: theme, query cache and router; a 401 anywhere ends the session and RequireAuth sends the user to /login. */
export function App() {
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      queryClient.setQueryData(sessionKey, null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
