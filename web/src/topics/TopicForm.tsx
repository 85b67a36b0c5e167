import { Button, Group, Paper, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TopicRead } from "../../../src/topics/topics.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { QueryField } from "./QueryField.tsx";
import { QuerySyntaxHelp } from "./QuerySyntaxHelp.tsx";
import { useCreateTopic } from "./useCreateTopic.ts";
import { useQueryValidation } from "./useQueryValidation.ts";
import { useUpdateTopic } from "./useUpdateTopic.ts";

interface TopicFormProps {
  /** The topic being edited, or undefined to create a new one. */
  topic?: TopicRead | undefined;
  onDone: () => void;
}

/** Create or edit a tracked topic: name, Boolean query (checked live) and description. */
export function TopicForm({ topic, onDone }: TopicFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(topic?.name ?? "");
  const [query, setQuery] = useState(topic?.query ?? "");
  const [description, setDescription] = useState(topic?.description ?? "");
  const validation = useQueryValidation(query);
  const create = useCreateTopic();
  const update = useUpdateTopic();
  const mutation = topic ? update : create;
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const knownInvalid = validation.isSettled && validation.data?.ok === false;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), query: query.trim(), description: description.trim() || undefined };
    if (topic) update.mutate({ id: topic.id, changes: body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="topic-form-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="topic-form-title">
            {topic ? t("topics.editTitle", { name: topic.name }) : t("topics.createTitle")}
          </Title>
          {mutation.error && !error?.problem.errors?.length && <ProblemAlert error={mutation.error} />}
          <TextInput
            label={t("topics.name")}
            required
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error?.fieldError("name")}
            data-testid="topic-name"
          />
          <QueryField
            value={query}
            onChange={setQuery}
            validation={validation.data}
            checkFailed={validation.isError}
            serverError={error?.fieldError("query")}
          />
          <QuerySyntaxHelp />
          <Textarea
            label={t("topics.description")}
            autosize
            minRows={1}
            maxRows={4}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={error?.fieldError("description")}
          />
          <Group>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={!name.trim() || !query.trim() || knownInvalid}
              data-testid="topic-save"
            >
              {topic ? t("common.save") : t("topics.create")}
            </Button>
            {topic && (
              <Button variant="default" onClick={onDone}>
                {t("common.cancel")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
