import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../app/api.ts";
import { LanguageSwitch } from "../app/LanguageSwitch.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { usePageTitle } from "../app/usePageTitle.ts";
import { safeRedirect } from "./safeRedirect.ts";
import { useLogin } from "./useLogin.ts";
import { useSession } from "./useSession.ts";

/** Sign-in with email and password; afterwards goes to the page the user wanted (`?next=`). */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t("login.title"));
  const [params] = useSearchParams();
  const next = safeRedirect(params.get("next"));
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };
  const error = login.error instanceof ApiError ? login.error : null;
  const wrongCredentials = error?.status === 401;

  return (
    <Center component="main" mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                Brandwache
              </Title>
              <Text c="dimmed" size="sm">
                {t("login.subtitle")}
              </Text>
            </div>
            {login.error && !wrongCredentials && (
              <ProblemAlert error={login.error} title={t("login.failed")} />
            )}
            {wrongCredentials && (
              <Text c="red.9" size="sm" role="alert" data-testid="login-error">
                {error?.problem.detail ?? t("login.wrongCredentials")}
              </Text>
            )}
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={error?.fieldError("email")}
              data-testid="login-email"
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={error?.fieldError("password")}
              visibilityToggleButtonProps={{ "aria-label": t("common.togglePassword") }}
              data-testid="login-password"
            />
            <Button type="submit" loading={login.isPending} data-testid="login-submit">
              {t("login.submit")}
            </Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
