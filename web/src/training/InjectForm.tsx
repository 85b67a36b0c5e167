import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ScenarioPlatform } from "../../../src/core/scenario/scenario.schema.ts";
import type { ExerciseRead, ScenarioDetail } from "../../../src/training/training.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useSendInject } from "./useSendInject.ts";

const allTeams = "";

/** The trainer's "send inject" form: recipient team (or all), persona, platform, text, optional reply-to. */
export function InjectForm({ exercise, scenario }: { exercise: ExerciseRead; scenario: ScenarioDetail }) {
  const { t } = useTranslation();
  const send = useSendInject(exercise.id);
  const [teamId, setTeamId] = useState(allTeams);
  const [persona, setPersona] = useState(scenario.personas[0]?.id ?? "");
  const [platform, setPlatform] = useState<ScenarioPlatform>(scenario.injects[0]?.platform ?? "mastodon");
  const [text, setText] = useState("");
  const [replyTo, setReplyTo] = useState("");
  const error = send.error instanceof ApiError ? send.error : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(
      {
        teamId: teamId === allTeams ? null : teamId,
        persona,
        platform,
        text: text.trim(),
        replyTo: replyTo || undefined,
      },
      { onSuccess: () => setText("") },
    );
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="inject-form-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="inject-form-title">
            {t("training.inject.heading")}
          </Title>
          {send.error && !error?.problem.errors?.length && <ProblemAlert error={send.error} />}
          {send.isSuccess && (
            <Text size="sm" c="teal.9" role="status">
              {t("training.inject.sent")}
            </Text>
          )}
          <Group grow align="flex-start" preventGrowOverflow={false}>
            <NativeSelect
              label={t("training.inject.team")}
              data={[
                { value: allTeams, label: t("training.inject.allTeams") },
                ...exercise.teams.map((team) => ({ value: team.id, label: team.name })),
              ]}
              value={teamId}
              onChange={(e) => setTeamId(e.currentTarget.value)}
              error={error?.fieldError("teamId")}
              data-testid="inject-team"
            />
            <NativeSelect
              label={t("training.inject.persona")}
              data={scenario.personas.map((p) => ({ value: p.id, label: `${p.displayName} (@${p.handle})` }))}
              value={persona}
              onChange={(e) => setPersona(e.currentTarget.value)}
              error={error?.fieldError("persona")}
              data-testid="inject-persona"
            />
            <NativeSelect
              label={t("training.inject.platform")}
              data={ScenarioPlatform.options.map((p) => ({ value: p, label: t(`platforms.${p}`) }))}
              value={platform}
              onChange={(e) => setPlatform(ScenarioPlatform.parse(e.currentTarget.value))}
              error={error?.fieldError("platform")}
              data-testid="inject-platform"
            />
          </Group>
          <Textarea
            label={t("training.inject.text")}
            required
            autosize
            minRows={3}
            maxRows={10}
            maxLength={5000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error?.fieldError("text")}
            data-testid="inject-text"
          />
          <NativeSelect
            label={t("training.inject.replyTo")}
            data={[
              { value: "", label: t("training.inject.noReply") },
              ...scenario.injects.map((inject) => ({
                value: inject.id,
                label: `${inject.id}: ${shorten(exercise.lang === "de" ? inject.text.de : inject.text.en)}`,
              })),
            ]}
            value={replyTo}
            onChange={(e) => setReplyTo(e.currentTarget.value)}
            error={error?.fieldError("replyTo")}
            data-testid="inject-reply-to"
          />
          <Group>
            <Button
              type="submit"
              disabled={!text.trim() || !persona}
              loading={send.isPending}
              data-testid="inject-send"
            >
              {t("training.inject.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** A post text cut to one option line. */
function shorten(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
