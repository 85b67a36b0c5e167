import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { clockKinds } from "../../../src/core/incidents/clocks.ts";
import { IncidentRole } from "../../../src/incidents/incidents.schema.ts";
import type { PlaybookRead } from "../../../src/playbooks/playbooks.schema.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { fromStepForm, type StepForm, toStepForm } from "./stepForm.ts";
import { useSavePlaybookVersion } from "./useSavePlaybookVersion.ts";

const emptyStep: StepForm = toStepForm({
  title: { de: "", en: "" },
  role: "communications",
  offsetMinutes: 60,
  checklist: [],
  replyTemplates: [],
});

/** Edits a playbook's steps in German and English; saving creates a new version. */
export function PlaybookEditor({ playbook, onDone }: { playbook: PlaybookRead; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSavePlaybookVersion(playbook.id);
  // Each step carries a key of its own, so removing one does not hand its neighbour's inputs to another.
  const [steps, setSteps] = useState<(StepForm & { uid: number })[]>(() =>
    playbook.latest.steps.map((s, uid) => ({ ...toStepForm(s), uid })),
  );
  const set = (i: number, change: Partial<StepForm>) =>
    setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const text = (i: number, key: keyof StepForm, multiline = false) => {
    const props = {
      label: t(`playbooks.field.${key}`),
      value: String(steps[i]?.[key] ?? ""),
      onChange: (e: { currentTarget: { value: string } }) => set(i, { [key]: e.currentTarget.value }),
    };
    return multiline ? <Textarea {...props} autosize minRows={2} /> : <TextInput {...props} />;
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          steps.map(({ uid: _uid, ...form }) => fromStepForm(form)),
          { onSuccess: onDone },
        );
      }}
    >
      <Stack gap="sm">
        <ProblemAlert error={save.error} />
        {steps.map((step, i) => (
          <Paper
            key={step.uid}
            withBorder
            p="sm"
            component="fieldset"
            aria-label={t("playbooks.step", { n: i + 1 })}
          >
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {text(i, "titleDe")}
                {text(i, "titleEn")}
                <NativeSelect
                  label={t("playbooks.field.role")}
                  data={IncidentRole.options.map((r) => ({ value: r, label: t(`incident.roles.${r}`) }))}
                  value={step.role}
                  onChange={(e) => set(i, { role: IncidentRole.parse(e.currentTarget.value) })}
                />
                <NumberInput
                  label={t("playbooks.field.offset")}
                  min={0}
                  value={step.offsetMinutes}
                  onChange={(v) => set(i, { offsetMinutes: typeof v === "number" ? v : Number(v) || 0 })}
                />
                {text(i, "checklistDe", true)}
                {text(i, "checklistEn", true)}
                {text(i, "templatesDe", true)}
                {text(i, "templatesEn", true)}
                <NativeSelect
                  label={t("playbooks.field.clock")}
                  data={[
                    { value: "", label: t("playbooks.field.noClock") },
                    ...clockKinds.map((k) => ({ value: k, label: t(`incident.clocks.kinds.${k}`) })),
                  ]}
                  value={step.clock ?? ""}
                  onChange={(e) => set(i, { clock: e.currentTarget.value as StepForm["clock"] })}
                />
                {text(i, "noticeLaw")}
                {text(i, "evidenceDe")}
                {text(i, "evidenceEn")}
                {text(i, "noticeReasonsDe", true)}
                {text(i, "noticeReasonsEn", true)}
              </SimpleGrid>
              <Group justify="flex-end">
                <Button
                  size="compact-sm"
                  variant="default"
                  color="red"
                  onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                >
                  {t("playbooks.removeStep", { n: i + 1 })}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
        <Group justify="space-between">
          <Button
            variant="default"
            onClick={() =>
              setSteps((all) => [...all, { ...emptyStep, uid: Math.max(-1, ...all.map((s) => s.uid)) + 1 }])
            }
          >
            {t("playbooks.addStep")}
          </Button>
          <Group>
            <Button variant="default" onClick={onDone}>
              {t("playbooks.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="playbook-save">
              {t("playbooks.save")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
