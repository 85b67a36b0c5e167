import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { canManageTokens } from "../../../src/orgs/orgs.policy.ts";
import type { TokenCreated } from "../../../src/orgs/orgs.schema.ts";
import { ApiError } from "../app/api.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useCreateToken } from "./useCreateToken.ts";
import { useDeleteToken } from "./useDeleteToken.ts";
import { useTokens } from "./useTokens.ts";

/** Settings → API tokens: list, create (the secret is shown once, with a copy button), revoke. */
export function TokensPanel() {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const admin = canManageTokens(session);
  const tokens = useTokens();
  const create = useCreateToken();
  const remove = useDeleteToken();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const createError = create.error instanceof ApiError ? create.error : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setCreated(token);
        setName("");
      },
    });
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t("tokens.intro")}</Text>
      {admin ? (
        <Paper withBorder p="md">
          <form onSubmit={onSubmit} noValidate aria-labelledby="create-token-title">
            <Stack gap="sm">
              <Title order={2} size="h4" id="create-token-title">
                {t("tokens.createTitle")}
              </Title>
              {create.error && !createError?.fieldError("name") && <ProblemAlert error={create.error} />}
              <Group align="flex-end">
                <TextInput
                  label={t("tokens.name")}
                  description={t("tokens.nameHint")}
                  required
                  maxLength={120}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={createError?.fieldError("name")}
                  style={{ flex: 1, minWidth: 240 }}
                  data-testid="token-name"
                />
                <Button
                  type="submit"
                  disabled={!name.trim()}
                  loading={create.isPending}
                  data-testid="token-save"
                >
                  {t("tokens.create")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          {t("tokens.adminOnly")}
        </Text>
      )}
      {created && (
        <Alert color="yellow" variant="light" title={t("tokens.createdTitle", { name: created.name })}>
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t("tokens.showOnce")}
            </Text>
            <Code
              block
              data-testid="token-secret"
              style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}
            >
              {created.token}
            </Code>
            <Group>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button size="compact-sm" color={copied ? "teal.9" : undefined} onClick={copy}>
                    {copied ? t("tokens.copied") : t("tokens.copy")}
                  </Button>
                )}
              </CopyButton>
              <Button size="compact-sm" variant="default" onClick={() => setCreated(null)}>
                {t("tokens.dismiss")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <ProblemAlert error={tokens.error ?? remove.error} />
      {tokens.data && tokens.data.length === 0 && <Text c="dimmed">{t("tokens.empty")}</Text>}
      {tokens.data && tokens.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Caption>{t("tokens.listCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("tokens.name")}</Table.Th>
                <Table.Th scope="col">{t("tokens.createdAt")}</Table.Th>
                <Table.Th scope="col">{t("tokens.lastUsedAt")}</Table.Th>
                {admin && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id} data-testid="token-row">
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {token.lastUsedAt
                      ? formatDateTime(token.lastUsedAt, i18n.language)
                      : t("tokens.neverUsed")}
                  </Table.Td>
                  {admin && (
                    <Table.Td>
                      <ConfirmButton
                        label={t("tokens.revoke")}
                        confirmLabel={t("tokens.confirmRevoke")}
                        ariaLabel={t("tokens.revokeNamed", { name: token.name })}
                        loading={remove.isPending && remove.variables === token.id}
                        onConfirm={() => remove.mutate(token.id)}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
