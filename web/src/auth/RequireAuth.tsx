import { Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router-dom";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { SessionContext } from "./SessionContext.ts";
import { useSession } from "./useSession.ts";

/** Renders its children for a signed-in user; sends everyone else to /login, remembering where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();

  if (session.isPending) {
    return (
      <Center component="main" h="100vh">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center component="main" h="100vh" p="md">
        <ProblemAlert error={session.error} />
      </Center>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionContext value={session.data}>{children}</SessionContext>;
}
