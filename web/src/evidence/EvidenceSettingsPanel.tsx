import { Button, Checkbox, Loader, NumberInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditEvidenceSettings } from "../../../src/evidence/evidence.policy.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useEvidenceSettings } from "./useEvidenceSettings.ts";
import { useSaveEvidenceSettings } from "./useSaveEvidenceSettings.ts";

/** Settings → Evidence: retention days, the time-stamping authority, timestamp every capture (admins edit). */
export function EvidenceSettingsPanel() {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const editable = canEditEvidenceSettings({ role });
  const settings = useEvidenceSettings();
  const save = useSaveEvidenceSettings();
  const [retentionDays, setRetentionDays] = useState<number | "">("");
  const [tsaUrl, setTsaUrl] = useState("");
  const [everyCapture, setEveryCapture] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setRetentionDays(settings.data.retentionDays ?? "");
    setTsaUrl(settings.data.tsaUrl ?? "");
    setEveryCapture(settings.data.timestampEveryCapture);
  }, [settings.data]);

  if (settings.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.fieldError(field) : undefined;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          retentionDays: retentionDays === "" ? null : retentionDays,
          tsaUrl: tsaUrl.trim() === "" ? null : tsaUrl.trim(),
          timestampEveryCapture: everyCapture,
        });
      }}
    >
      <Stack gap="md" maw={560}>
        <Title order={2} size="h3">
          {t("evidence.settings.heading")}
        </Title>
        {!editable && <Text c="dimmed">{t("evidence.settings.readOnly")}</Text>}
        <ProblemAlert error={settings.error} />
        <NumberInput
          label={t("evidence.settings.retentionDays")}
          description={t("evidence.settings.retentionHint")}
          value={retentionDays}
          onChange={(value) => setRetentionDays(typeof value === "number" ? value : "")}
          min={1}
          max={36500}
          allowDecimal={false}
          disabled={!editable}
          error={fieldError("retentionDays")}
          data-testid="evidence-retention-days"
        />
        <TextInput
          label={t("evidence.settings.tsaUrl")}
          description={t("evidence.settings.tsaHint", {
            server: settings.data?.serverTsaUrl ?? t("evidence.settings.serverNone"),
          })}
          type="url"
          value={tsaUrl}
          onChange={(e) => setTsaUrl(e.currentTarget.value)}
          placeholder="https://tsa.example/tsr"
          disabled={!editable}
          error={fieldError("tsaUrl")}
          data-testid="evidence-tsa-url"
        />
        <Checkbox
          label={t("evidence.settings.timestampEveryCapture")}
          checked={everyCapture}
          onChange={(e) => setEveryCapture(e.currentTarget.checked)}
          disabled={!editable}
          data-testid="evidence-timestamp-every"
        />
        {editable && (
          <Button
            type="submit"
            loading={save.isPending}
            style={{ alignSelf: "flex-start" }}
            data-testid="evidence-settings-save"
          >
            {t("common.save")}
          </Button>
        )}
        {save.isSuccess && (
          <Text size="sm" role="status">
            {t("evidence.settings.saved")}
          </Text>
        )}
        <ProblemAlert error={save.error} />
      </Stack>
    </form>
  );
}
