import {
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type OfficialAccountRead, TwoFactorMethod } from "../../../src/accounts/accounts.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import {
  draftOf,
  fieldMessage,
  hasUnshownProblem,
  type SecurityDraft,
  securityWrite,
} from "./securityDraft.ts";
import { useUpdateAccountSecurity } from "./useUpdateAccountSecurity.ts";

const shownFields = [
  "owner",
  "posters",
  "twoFactor",
  "recoveryContact",
  "recoveryVerifiedOn",
  "accessReviewedOn",
  "connectedApps",
  "note",
];

interface AccountSecurityFormProps {
  account: OfficialAccountRead;
  id: string;
  onDone: () => void;
}

/** Records an account's security in place (platform and handle identify it); the server grades it anew. */
export function AccountSecurityForm({ account, id, onDone }: AccountSecurityFormProps) {
  const { t } = useTranslation();
  const update = useUpdateAccountSecurity();
  const [draft, setDraft] = useState<SecurityDraft>(() => draftOf(account.security));
  const change = (changes: Partial<SecurityDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const problems = update.error instanceof ApiError ? update.error.problem.errors : undefined;
  const error = (field: keyof SecurityDraft) => fieldMessage(problems, field);
  const unshownError = update.error && (!problems?.length || hasUnshownProblem(problems, shownFields));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(securityWrite(account, draft), { onSuccess: onDone });
  };

  return (
    <form
      id={id}
      onSubmit={onSubmit}
      noValidate
      aria-label={t("accounts.form.label", { handle: account.handle })}
      data-testid="account-security-form"
    >
      <Stack gap="sm" pt="sm">
        {unshownError && <ProblemAlert error={update.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("accounts.security.owner")}
            description={t("accounts.form.ownerHint")}
            maxLength={200}
            value={draft.owner}
            onChange={(e) => change({ owner: e.currentTarget.value })}
            error={error("owner")}
            data-testid="account-security-owner"
          />
          <NativeSelect
            label={t("accounts.security.twoFactor")}
            data={TwoFactorMethod.options.map((method) => ({
              value: method,
              label: t(`accounts.twoFactor.${method}`),
            }))}
            value={draft.twoFactor}
            onChange={(e) => change({ twoFactor: TwoFactorMethod.parse(e.currentTarget.value) })}
            error={error("twoFactor")}
            data-testid="account-security-two-factor"
          />
          <TagsInput
            label={t("accounts.security.posters")}
            description={t("accounts.form.postersHint")}
            maxTags={50}
            value={draft.posters}
            onChange={(posters) => change({ posters })}
            error={error("posters")}
            data-testid="account-security-posters"
          />
          <TagsInput
            label={t("accounts.security.connectedApps")}
            description={t("accounts.form.connectedAppsHint")}
            maxTags={50}
            value={draft.connectedApps}
            onChange={(connectedApps) => change({ connectedApps })}
            error={error("connectedApps")}
            data-testid="account-security-apps"
          />
          <TextInput
            label={t("accounts.security.recoveryContact")}
            description={t("accounts.form.recoveryContactHint")}
            maxLength={200}
            value={draft.recoveryContact}
            onChange={(e) => change({ recoveryContact: e.currentTarget.value })}
            error={error("recoveryContact")}
            data-testid="account-security-recovery"
          />
          <TextInput
            type="date"
            label={t("accounts.security.recoveryVerifiedOn")}
            description={t("accounts.form.recoveryVerifiedOnHint")}
            value={draft.recoveryVerifiedOn}
            onChange={(e) => change({ recoveryVerifiedOn: e.currentTarget.value })}
            error={error("recoveryVerifiedOn")}
            data-testid="account-security-recovery-verified"
          />
          <TextInput
            type="date"
            label={t("accounts.security.accessReviewedOn")}
            description={t("accounts.form.accessReviewedOnHint")}
            value={draft.accessReviewedOn}
            onChange={(e) => change({ accessReviewedOn: e.currentTarget.value })}
            error={error("accessReviewedOn")}
            data-testid="account-security-access-reviewed"
          />
        </SimpleGrid>
        <Textarea
          label={t("accounts.security.note")}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          value={draft.note}
          onChange={(e) => change({ note: e.currentTarget.value })}
          error={error("note")}
          data-testid="account-security-note"
        />
        <Group>
          <Button type="submit" loading={update.isPending} data-testid="account-security-save">
            {t("common.save")}
          </Button>
          <Button variant="default" onClick={onDone} data-testid="account-security-cancel">
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
