import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RiskProfile } from "../../../src/risk/risk.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { type AccountDraft, OfficialAccountsField } from "./OfficialAccountsField.tsx";
import { linesToList, listProblems, listToLines } from "./profileLines.ts";
import { useSaveRiskProfile } from "./useSaveRiskProfile.ts";

const listFields = ["brandNames", "domains", "executives", "watchlist"] as const;
type ListField = (typeof listFields)[number];

function draftsOf(profile: RiskProfile): AccountDraft[] {
  return profile.officialAccounts.map((a) => ({
    platform: a.platform ?? "",
    handle: a.handle,
    displayName: a.displayName ?? "",
  }));
}

function textsOf(profile: RiskProfile): Record<ListField, string> {
  return {
    brandNames: listToLines(profile.brandNames),
    domains: listToLines(profile.domains),
    executives: listToLines(profile.executives),
    watchlist: listToLines(profile.watchlist),
  };
}

interface RiskProfileFormProps {
  profile: RiskProfile;
  readOnly: boolean;
}

/** Edits the risk profile: four one-per-line lists and the official accounts; read-only below manager. */
export function RiskProfileForm({ profile, readOnly }: RiskProfileFormProps) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState(() => textsOf(profile));
  const [accounts, setAccounts] = useState(() => draftsOf(profile));
  // What was sent last, so a problem about `domains.2` can name the entry it means.
  const [submitted, setSubmitted] = useState<RiskProfile | null>(null);
  const save = useSaveRiskProfile();
  const error = save.error instanceof ApiError ? save.error : null;
  const errors = error?.problem.errors;

  // A "saved" notice must not outlive the next change.
  const edited = () => {
    if (save.isSuccess) save.reset();
  };

  const problemText = (field: ListField) => {
    const messages = listProblems(errors, field).map((p) => {
      const value = p.index === undefined ? undefined : submitted?.[field][p.index];
      return value === undefined ? p.message : t("risk.profile.entryError", { value, message: p.message });
    });
    return messages.length > 0 ? messages.join(" · ") : undefined;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: RiskProfile = {
      brandNames: linesToList(texts.brandNames),
      domains: linesToList(texts.domains),
      executives: linesToList(texts.executives),
      watchlist: linesToList(texts.watchlist),
      officialAccounts: accounts
        .filter((a) => a.handle.trim() || a.displayName.trim())
        .map((a) => ({
          handle: a.handle.trim(),
          ...(a.platform ? { platform: a.platform } : {}),
          ...(a.displayName.trim() ? { displayName: a.displayName.trim() } : {}),
        })),
    };
    setSubmitted(body);
    save.mutate(body, {
      onSuccess: (saved) => {
        // Show what the server stored (domains lower-cased, handles without @).
        setTexts(textsOf(saved));
        setAccounts(draftsOf(saved));
      },
    });
  };

  const listField = (field: ListField, rows: number) => (
    <Textarea
      label={t(`risk.profile.${field}`)}
      description={t(`risk.profile.${field}Hint`)}
      autosize
      minRows={rows}
      maxRows={12}
      value={texts[field]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setTexts((current) => ({ ...current, [field]: value }));
        edited();
      }}
      readOnly={readOnly}
      error={problemText(field)}
      data-testid={`risk-${field}`}
    />
  );

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="risk-profile-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="risk-profile-title">
            {t("risk.profile.title")}
          </Title>
          <Text size="sm">{t("risk.profile.intro")}</Text>
          {readOnly && (
            <Text size="sm" c="dimmed">
              {t("risk.profile.readOnly")}
            </Text>
          )}
          {save.error && !errors?.length && <ProblemAlert error={save.error} />}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {listField("brandNames", 2)}
            {listField("domains", 2)}
            {listField("executives", 2)}
            {listField("watchlist", 2)}
          </SimpleGrid>
          <OfficialAccountsField
            accounts={accounts}
            onChange={(next) => {
              setAccounts(next);
              edited();
            }}
            readOnly={readOnly}
            problems={listProblems(errors, "officialAccounts")}
          />
          {!readOnly && (
            <Group>
              <Button type="submit" loading={save.isPending} data-testid="risk-profile-save">
                {t("common.save")}
              </Button>
              <Text size="sm" c="teal.9" role="status" data-testid="risk-profile-saved">
                {save.isSuccess ? t("risk.profile.saved") : ""}
              </Text>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
