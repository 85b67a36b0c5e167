import { Button, Checkbox, Stack, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { NoticeRead } from "../../../src/incidents/incidents.work.schema.ts";
import type { ApiError } from "../app/api.ts";

/** The fields of a DSA Art. 16(2) notice; `onSave` gets them parsed (URLs one per line). */
export function DsaNoticeForm({
  initial,
  saving,
  error,
  submitLabel,
  onSave,
}: {
  initial?: NoticeRead;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  onSave: (fields: {
    platform: string;
    urls: string[];
    reasons: string;
    law: string;
    notifierName: string;
    notifierEmail: string;
    goodFaith: boolean;
  }) => void;
}) {
  const { t } = useTranslation();
  const [platform, setPlatform] = useState(initial?.platform ?? "");
  const [urls, setUrls] = useState(initial?.urls.join("\n") ?? "");
  const [reasons, setReasons] = useState(initial?.reasons ?? "");
  const [law, setLaw] = useState(initial?.law ?? "");
  const [name, setName] = useState(initial?.notifierName ?? "");
  const [email, setEmail] = useState(initial?.notifierEmail ?? "");
  const [goodFaith, setGoodFaith] = useState(initial?.goodFaith ?? false);
  const fieldError = (field: string) => (error as ApiError | null)?.fieldError?.(field);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          platform: platform.trim(),
          urls: urls
            .split("\n")
            .map((u) => u.trim())
            .filter(Boolean),
          reasons,
          law,
          notifierName: name,
          notifierEmail: email,
          goodFaith,
        });
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t("incident.notices.platform")}
          value={platform}
          onChange={(e) => setPlatform(e.currentTarget.value)}
          error={fieldError("platform")}
          required
        />
        <Textarea
          label={t("incident.notices.urls")}
          value={urls}
          onChange={(e) => setUrls(e.currentTarget.value)}
          error={fieldError("urls") ?? fieldError("urls.0")}
          autosize
          minRows={2}
          required
        />
        <Textarea
          label={t("incident.notices.reasons")}
          value={reasons}
          onChange={(e) => setReasons(e.currentTarget.value)}
          error={fieldError("reasons")}
          autosize
          minRows={3}
          required
        />
        <TextInput
          label={t("incident.notices.law")}
          value={law}
          onChange={(e) => setLaw(e.currentTarget.value)}
          error={fieldError("law")}
          required
        />
        <TextInput
          label={t("incident.notices.name")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError("notifierName")}
          required
        />
        <TextInput
          type="email"
          label={t("incident.notices.email")}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError("notifierEmail")}
          required
        />
        <Checkbox
          label={t("incident.notices.goodFaith")}
          checked={goodFaith}
          onChange={(e) => setGoodFaith(e.currentTarget.checked)}
          error={fieldError("goodFaith")}
        />
        <Button type="submit" size="sm" loading={saving}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
