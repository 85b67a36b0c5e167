import { Button, CloseButton, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Platform } from "../../../src/posts/posts.schema.ts";
import type { ListProblem } from "./profileLines.ts";

/** One row of the editor; `platform` is "" for any platform. */
export interface AccountDraft {
  platform: string;
  handle: string;
  displayName: string;
}

interface OfficialAccountsFieldProps {
  accounts: AccountDraft[];
  onChange: (accounts: AccountDraft[]) => void;
  readOnly: boolean;
  /** Problems the server named for `officialAccounts` (by row index). */
  problems: ListProblem[];
}

/** The registry of official accounts: one row per account with platform, handle and display name. */
export function OfficialAccountsField({
  accounts,
  onChange,
  readOnly,
  problems,
}: OfficialAccountsFieldProps) {
  const { t } = useTranslation();
  const update = (index: number, changes: Partial<AccountDraft>) =>
    onChange(accounts.map((a, i) => (i === index ? { ...a, ...changes } : a)));
  const problemOf = (index: number, subfield: string) =>
    problems
      .filter(
        (p) => p.index === index && (p.subfield === subfield || (subfield === "handle" && p.subfield === "")),
      )
      .map((p) => p.message)
      .join("; ") || undefined;
  const general = problems.filter((p) => p.index === undefined || p.index >= accounts.length);

  return (
    <Fieldset legend={t("risk.profile.accounts")} data-testid="risk-accounts">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t("risk.profile.accountsHint")}
        </Text>
        {accounts.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("risk.profile.accountsEmpty")}
          </Text>
        )}
        {accounts.map((account, index) => {
          const number = index + 1;
          const row = t("risk.profile.accountNumber", { number });
          // The first row's labels head the columns; later rows name their inputs for screen readers only.
          const labelled = (label: string) =>
            index === 0 ? { label } : { "aria-label": `${label}, ${row}` };
          // A platform the list does not know (typed in elsewhere) still shows as selected.
          const platforms: string[] = [...Platform.options];
          if (account.platform && !platforms.includes(account.platform)) platforms.push(account.platform);
          return (
            // Rows have no id of their own; the index is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, not reordered
            <Group key={index} align="flex-end" gap="xs" wrap="wrap" role="group" aria-label={row}>
              <NativeSelect
                {...labelled(t("risk.profile.platform"))}
                data={[
                  { value: "", label: t("risk.profile.anyPlatform") },
                  ...platforms.map((p) => {
                    const known = Platform.options.find((o) => o === p);
                    return { value: p, label: known ? t(`platforms.${known}`) : p };
                  }),
                ]}
                value={account.platform}
                onChange={(e) => update(index, { platform: e.currentTarget.value })}
                disabled={readOnly}
                error={problemOf(index, "platform")}
                w={170}
              />
              <TextInput
                {...labelled(t("risk.profile.handle"))}
                value={account.handle}
                onChange={(e) => update(index, { handle: e.currentTarget.value })}
                readOnly={readOnly}
                required
                maxLength={200}
                error={problemOf(index, "handle")}
                leftSection="@"
                style={{ flex: 1, minWidth: 160 }}
                data-testid="risk-account-handle"
              />
              <TextInput
                {...labelled(t("risk.profile.displayName"))}
                value={account.displayName}
                onChange={(e) => update(index, { displayName: e.currentTarget.value })}
                readOnly={readOnly}
                maxLength={200}
                error={problemOf(index, "displayName")}
                style={{ flex: 1, minWidth: 160 }}
              />
              {!readOnly && (
                <CloseButton
                  mb={8}
                  aria-label={t("risk.profile.removeAccount", { handle: account.handle || number })}
                  onClick={() => onChange(accounts.filter((_, i) => i !== index))}
                />
              )}
            </Group>
          );
        })}
        {general.map((p) => (
          <Text key={p.message} size="sm" c="red.9" role="alert">
            {p.message}
          </Text>
        ))}
        {!readOnly && (
          <Group>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => onChange([...accounts, { platform: "", handle: "", displayName: "" }])}
              data-testid="risk-account-add"
            >
              {t("risk.profile.addAccount")}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}
