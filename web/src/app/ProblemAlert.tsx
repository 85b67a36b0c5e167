import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiError } from "./api.ts";

/** Shows what went wrong: the server's problem `detail`, else its title, else a generic message. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message = t("common.unexpectedError");
  if (error instanceof ApiError) {
    if (error.status === 0) message = t("common.networkError");
    else if (error.status === 403) message = error.problem.detail ?? t("common.forbidden");
    else message = error.problem.detail ?? error.problem.title ?? message;
  }
  return (
    <Alert color="red" variant="light" title={title ?? t("common.error")} role="alert">
      {message}
    </Alert>
  );
}
