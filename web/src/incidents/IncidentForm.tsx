import { Button, Group, NativeSelect, Paper, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Severity } from "../../../src/incidents/incidents.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCreateIncident } from "./useCreateIncident.ts";

/** Opens an incident by hand: title, severity, what is known so far. */
export function IncidentForm({ onCreated }: { onCreated?: () => void }) {
  const { t } = useTranslation();
  const create = useCreateIncident();
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("sev3");
  const [description, setDescription] = useState("");
  const error = create.error instanceof ApiError ? create.error : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { title: title.trim(), severity, description: description.trim() || undefined },
      {
        onSuccess: () => {
          setTitle("");
          setDescription("");
          setSeverity("sev3");
          onCreated?.();
        },
      },
    );
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="incident-form-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="incident-form-title">
            {t("incidents.openTitle")}
          </Title>
          {create.error && !error?.problem.errors?.length && <ProblemAlert error={create.error} />}
          <Group align="flex-start" grow preventGrowOverflow={false}>
            <TextInput
              label={t("incidents.fields.title")}
              required
              maxLength={300}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={error?.fieldError("title")}
              data-testid="incident-title"
            />
            <NativeSelect
              label={t("incidents.fields.severity")}
              data={Severity.options.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
              value={severity}
              onChange={(e) => setSeverity(Severity.parse(e.currentTarget.value))}
              error={error?.fieldError("severity")}
              maw={260}
              data-testid="incident-severity"
            />
          </Group>
          <Textarea
            label={t("incidents.fields.description")}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={10_000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={error?.fieldError("description")}
            data-testid="incident-description"
          />
          <Group>
            <Button
              type="submit"
              disabled={!title.trim()}
              loading={create.isPending}
              data-testid="incident-save"
            >
              {t("incidents.open")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
