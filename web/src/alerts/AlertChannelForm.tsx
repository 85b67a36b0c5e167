import {
  Button,
  Group,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AlertChannelKind } from "../../../src/alerts/alerts.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { buildChannelConfig, channelConfigProblems, channelKinds } from "./channelConfig.ts";
import { useCreateAlertChannel } from "./useCreateAlertChannel.ts";

// Fields the form shows the server's messages beside; anything else goes into the alert above the form.
const shownFields = ["name", "config"];

/** Adds a delivery channel: name, kind, and the kind's fields (recipients, a webhook URL, a signing secret). */
export function AlertChannelForm() {
  const { t } = useTranslation();
  const create = useCreateAlertChannel();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<AlertChannelKind>("email");
  const [fields, setFields] = useState({ to: "", url: "", secret: "" });
  const config = buildChannelConfig(kind, fields);
  const problems = channelConfigProblems(config);
  const error = create.error instanceof ApiError ? create.error : null;
  const fieldErrors = error?.problem.errors ?? [];
  const unshownError =
    create.error &&
    (fieldErrors.length === 0 || fieldErrors.some((e) => !shownFields.includes(e.field.split(".")[0] ?? "")));
  // Say what is wrong with a field only once something was typed into it.
  const problemOf = (field: "to" | "url" | "secret", message: string) =>
    error?.fieldError(`config.${field}`) ?? (fields[field] && problems.includes(field) ? message : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), config, enabled: true },
      {
        onSuccess: () => {
          setName("");
          setFields({ to: "", url: "", secret: "" });
        },
      },
    );
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="alert-channel-form-title">
        <Stack gap="sm">
          <Title order={3} size="h5" id="alert-channel-form-title">
            {t("alerts.channels.createTitle")}
          </Title>
          {unshownError && <ProblemAlert error={create.error} />}
          <Group align="flex-start" grow preventGrowOverflow={false}>
            <TextInput
              label={t("alerts.channels.fields.name")}
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.fieldError("name")}
              data-testid="channel-name"
            />
            <NativeSelect
              label={t("alerts.channels.fields.kind")}
              data={channelKinds.map((k) => ({ value: k, label: t(`alerts.channels.kinds.${k}`) }))}
              value={kind}
              onChange={(e) => {
                const next = channelKinds.find((k) => k === e.currentTarget.value);
                if (next) setKind(next);
              }}
              maw={260}
              data-testid="channel-kind"
            />
          </Group>
          {kind === "email" ? (
            <Textarea
              label={t("alerts.channels.fields.to")}
              description={t("alerts.channels.fields.toHint")}
              required
              autosize
              minRows={2}
              maxRows={6}
              value={fields.to}
              onChange={(e) => setFields({ ...fields, to: e.currentTarget.value })}
              error={problemOf("to", t("alerts.channels.invalid.to"))}
              data-testid="channel-to"
            />
          ) : (
            <TextInput
              label={t("alerts.channels.fields.url")}
              description={t(`alerts.channels.fields.urlHint.${kind}`)}
              required
              type="url"
              maxLength={2000}
              value={fields.url}
              onChange={(e) => setFields({ ...fields, url: e.currentTarget.value })}
              error={problemOf("url", t("alerts.channels.invalid.url"))}
              data-testid="channel-url"
            />
          )}
          {kind === "webhook" && (
            <PasswordInput
              label={t("alerts.channels.fields.secret")}
              description={t("alerts.channels.fields.secretHint")}
              required
              maxLength={500}
              autoComplete="new-password"
              value={fields.secret}
              onChange={(e) => setFields({ ...fields, secret: e.currentTarget.value })}
              error={problemOf("secret", t("alerts.channels.invalid.secret"))}
              visibilityToggleButtonProps={{ "aria-label": t("common.togglePassword") }}
              data-testid="channel-secret"
            />
          )}
          <Group>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!name.trim() || problems.length > 0}
              data-testid="channel-save"
            >
              {t("alerts.channels.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
