import { Button, Group, NumberInput, Stack, Switch, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canManagePublishingRules } from "../../../src/publishing/publishing.policy.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { phrasesFromLines } from "./phraseLines.ts";
import { type PublishingRules, usePublishingRules } from "./usePublishingRules.ts";
import { useSavePublishingRules } from "./useSavePublishingRules.ts";

function RulesForm({ rules, editable }: { rules: PublishingRules; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSavePublishingRules();
  const [blocked, setBlocked] = useState(rules.blockedPhrases.join("\n"));
  const [legal, setLegal] = useState(rules.legalApprovalPhrases.join("\n"));
  const [threshold, setThreshold] = useState<number>(rules.approvalThreshold);
  const [outsideHours, setOutsideHours] = useState(rules.outsideHoursNeedsApproval);
  const [everyDraft, setEveryDraft] = useState(rules.everyDraftNeedsApproval);
  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.fieldError(field) : undefined;

  return (
    <Stack
      gap="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          blockedPhrases: phrasesFromLines(blocked),
          legalApprovalPhrases: phrasesFromLines(legal),
          approvalThreshold: threshold,
          outsideHoursNeedsApproval: outsideHours,
          everyDraftNeedsApproval: everyDraft,
        });
      }}
    >
      <Textarea
        label={t("publishing.rules.blocked")}
        description={t("publishing.rules.blockedHint")}
        value={blocked}
        onChange={(e) => setBlocked(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={12}
        readOnly={!editable}
        error={fieldError("blockedPhrases")}
        data-testid="rules-blocked"
      />
      <Textarea
        label={t("publishing.rules.legal")}
        description={t("publishing.rules.legalHint")}
        value={legal}
        onChange={(e) => setLegal(e.currentTarget.value)}
        autosize
        minRows={4}
        maxRows={16}
        readOnly={!editable}
        error={fieldError("legalApprovalPhrases")}
        data-testid="rules-legal"
      />
      {editable && (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setLegal(rules.defaultLegalApprovalPhrases.join("\n"))}
          >
            {t("publishing.rules.restoreDefaults")}
          </Button>
        </Group>
      )}
      <NumberInput
        label={t("publishing.rules.threshold")}
        description={t("publishing.rules.thresholdHint")}
        value={threshold}
        onChange={(value) => setThreshold(typeof value === "number" ? value : Number(value) || 0)}
        min={0}
        max={1}
        step={0.05}
        decimalScale={2}
        w={220}
        readOnly={!editable}
        error={fieldError("approvalThreshold")}
      />
      <Switch
        label={t("publishing.rules.outsideHours")}
        checked={outsideHours}
        onChange={(e) => setOutsideHours(e.currentTarget.checked)}
        disabled={!editable}
      />
      <Switch
        label={t("publishing.rules.everyDraft")}
        checked={everyDraft}
        onChange={(e) => setEveryDraft(e.currentTarget.checked)}
        disabled={!editable}
      />
      <ProblemAlert error={save.error} />
      {editable && (
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="rules-save">
            {t("publishing.rules.save")}
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="green.9" aria-live="polite">
              {t("publishing.rules.saved")}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** Settings → Publishing rules: blocked phrases, phrases legal must approve, the approval threshold, staffed hours. */
export function PublishingRulesPanel() {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const rules = usePublishingRules();
  const editable = canManagePublishingRules({ role });
  return (
    <Stack gap="md" component="section" aria-labelledby="publishing-rules-title">
      <Title order={2} size="h4" id="publishing-rules-title">
        {t("publishing.rules.title")}
      </Title>
      <Text size="sm">{t("publishing.rules.intro")}</Text>
      {!editable && (
        <Text size="sm" c="dimmed">
          {t("publishing.rules.readOnly")}
        </Text>
      )}
      <ProblemAlert error={rules.error} />
      {rules.data && <RulesForm key={JSON.stringify(rules.data)} rules={rules.data} editable={editable} />}
    </Stack>
  );
}
