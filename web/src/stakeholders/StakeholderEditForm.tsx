import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type StakeholderAccountRead,
  StakeholderGroup,
  Stance,
} from "../../../src/stakeholders/stakeholders.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { groupOptions, influenceFromInput, influenceOptions, stanceOptions } from "./stakeholderOptions.ts";
import { useUpdateStakeholder } from "./useUpdateStakeholder.ts";

const shownFields = ["group", "stance", "influence", "name", "note"];

interface StakeholderEditFormProps {
  account: StakeholderAccountRead;
  onDone: () => void;
}

/** Changes one account in place: group, stance, influence, name and note (platform and handle identify it). */
export function StakeholderEditForm({ account, onDone }: StakeholderEditFormProps) {
  const { t } = useTranslation();
  const update = useUpdateStakeholder();
  const [group, setGroup] = useState<StakeholderGroup>(account.group);
  const [stance, setStance] = useState<Stance>(account.stance);
  const [influence, setInfluence] = useState(account.influence);
  const [name, setName] = useState(account.name ?? "");
  const [note, setNote] = useState(account.note ?? "");
  const error = update.error instanceof ApiError ? update.error : null;
  const fieldErrors = error?.problem.errors ?? [];
  const unshownError =
    update.error && (fieldErrors.length === 0 || fieldErrors.some((e) => !shownFields.includes(e.field)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        id: account.id,
        // Empty name or note clears them.
        changes: { group, stance, influence, name: name.trim() || null, note: note.trim() ? note : null },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={t("stakeholders.editNamed", { handle: account.handle })}
      data-testid="stakeholder-edit-form"
    >
      <Stack gap="sm" py="xs">
        {unshownError && <ProblemAlert error={update.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <NativeSelect
            label={t("stakeholders.fields.group")}
            data={groupOptions(t)}
            value={group}
            onChange={(e) => setGroup(StakeholderGroup.parse(e.currentTarget.value))}
            error={error?.fieldError("group")}
            data-testid="stakeholder-edit-group"
          />
          <NativeSelect
            label={t("stakeholders.fields.stance")}
            data={stanceOptions(t)}
            value={stance}
            onChange={(e) => setStance(Stance.parse(e.currentTarget.value))}
            error={error?.fieldError("stance")}
            data-testid="stakeholder-edit-stance"
          />
          <NativeSelect
            label={t("stakeholders.fields.influence")}
            data={influenceOptions(t)}
            value={String(influence)}
            onChange={(e) => setInfluence(influenceFromInput(e.currentTarget.value))}
            error={error?.fieldError("influence")}
            data-testid="stakeholder-edit-influence"
          />
          <TextInput
            label={t("stakeholders.fields.name")}
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error?.fieldError("name")}
            data-testid="stakeholder-edit-name"
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
          data-testid="stakeholder-edit-note"
        />
        <Group>
          <Button type="submit" loading={update.isPending} data-testid="stakeholder-edit-save">
            {t("common.save")}
          </Button>
          <Button variant="default" onClick={onDone} data-testid="stakeholder-edit-cancel">
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
