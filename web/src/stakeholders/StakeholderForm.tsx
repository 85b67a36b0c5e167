import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Platform } from "../../../src/posts/posts.schema.ts";
import { StakeholderGroup, Stance } from "../../../src/stakeholders/stakeholders.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { groupOptions, influenceFromInput, influenceOptions, stanceOptions } from "./stakeholderOptions.ts";
import { useAddStakeholder } from "./useAddStakeholder.ts";

// Fields the form shows the server's messages beside; anything else goes into the alert above the form.
const shownFields = ["platform", "handle", "group", "stance", "influence", "name", "note"];

/** Puts an account on the map: platform, handle, group, stance, influence, and who it is. */
export function StakeholderForm({ onAdded }: { onAdded?: () => void }) {
  const { t } = useTranslation();
  const add = useAddStakeholder();
  const [platform, setPlatform] = useState<Platform>("mastodon");
  const [handle, setHandle] = useState("");
  const [group, setGroup] = useState<StakeholderGroup | "">("");
  const [stance, setStance] = useState<Stance>("unknown");
  const [influence, setInfluence] = useState(3);
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const error = add.error instanceof ApiError ? add.error : null;
  const fieldErrors = error?.problem.errors ?? [];
  const unshownError =
    add.error && (fieldErrors.length === 0 || fieldErrors.some((e) => !shownFields.includes(e.field)));
  // 409: the server says so in English; the form says it in the UI language.
  const handleError =
    error?.status === 409 ? t("stakeholders.form.onMapAlready") : error?.fieldError("handle");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!group) return;
    add.mutate(
      {
        platform,
        handle: handle.trim(),
        group,
        stance,
        influence,
        name: name.trim() || undefined,
        note: note.trim() || undefined,
      },
      {
        onSuccess: () => {
          // Platform and group stay: several accounts of one kind are often added in a row.
          setHandle("");
          setStance("unknown");
          setInfluence(3);
          setName("");
          setNote("");
          onAdded?.();
        },
      },
    );
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="stakeholder-form-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="stakeholder-form-title">
            {t("stakeholders.form.title")}
          </Title>
          {unshownError && error?.status !== 409 && <ProblemAlert error={add.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <NativeSelect
              label={t("stakeholders.fields.platform")}
              data={Platform.options.map((p) => ({ value: p, label: t(`platforms.${p}`) }))}
              value={platform}
              onChange={(e) => setPlatform(Platform.parse(e.currentTarget.value))}
              error={error?.fieldError("platform")}
              data-testid="stakeholder-platform"
            />
            <TextInput
              label={t("stakeholders.fields.handle")}
              description={t("stakeholders.form.handleHint")}
              required
              // 200 characters and the "@" the server strips.
              maxLength={201}
              autoComplete="off"
              spellCheck={false}
              value={handle}
              onChange={(e) => setHandle(e.currentTarget.value)}
              error={handleError}
              data-testid="stakeholder-handle"
            />
            <NativeSelect
              label={t("stakeholders.fields.group")}
              required
              data={[{ value: "", label: t("stakeholders.form.chooseGroup") }, ...groupOptions(t)]}
              value={group}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setGroup(StakeholderGroup.options.find((g) => g === value) ?? "");
              }}
              error={error?.fieldError("group")}
              data-testid="stakeholder-group"
            />
            <NativeSelect
              label={t("stakeholders.fields.stance")}
              data={stanceOptions(t)}
              value={stance}
              onChange={(e) => setStance(Stance.parse(e.currentTarget.value))}
              error={error?.fieldError("stance")}
              data-testid="stakeholder-stance"
            />
            <NativeSelect
              label={t("stakeholders.fields.influence")}
              data={influenceOptions(t)}
              value={String(influence)}
              onChange={(e) => setInfluence(influenceFromInput(e.currentTarget.value))}
              error={error?.fieldError("influence")}
              data-testid="stakeholder-influence"
            />
            <TextInput
              label={t("stakeholders.fields.name")}
              placeholder={t("stakeholders.form.namePlaceholder")}
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.fieldError("name")}
              data-testid="stakeholder-name"
            />
          </SimpleGrid>
          <Textarea
            label={t("stakeholders.fields.note")}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={error?.fieldError("note")}
            data-testid="stakeholder-note"
          />
          <Group>
            <Button
              type="submit"
              disabled={!handle.trim() || !group}
              loading={add.isPending}
              data-testid="stakeholder-save"
            >
              {t("stakeholders.form.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
