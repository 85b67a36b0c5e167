import {
  Badge,
  Button,
  Code,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  NoticeCreate,
  NoticeRead,
  NoticeTransition,
  NoticeUpdate,
} from "../../../src/incidents/incidents.work.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { DsaNoticeForm } from "./DsaNoticeForm.tsx";
import { useIncidentAction } from "./useIncidentAction.ts";
import { useIncidentPart } from "./useIncidentPart.ts";

/** The incident's DSA notices: draft, complete and move them on, hand the case to a trusted flagger. */
export function DsaNotices({ incidentId, editable }: { incidentId: string; editable: boolean }) {
  const { t } = useTranslation();
  const notices = useIncidentPart<NoticeRead>(incidentId, "notices", 60_000);
  const create = useIncidentAction<NoticeCreate>(incidentId, "POST", () => "/notices");
  const [adding, setAdding] = useState(false);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-notices-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-notices-heading">
          {t("incident.notices.heading")}
        </Title>
        <ProblemAlert error={notices.error} />
        {notices.data && notices.data.length === 0 && <Text c="dimmed">{t("incident.notices.empty")}</Text>}
        {(notices.data ?? []).map((notice) => (
          <DsaNoticeItem key={notice.id} incidentId={incidentId} notice={notice} editable={editable} />
        ))}
        {editable && !adding && (
          <Group>
            <Button size="xs" variant="default" onClick={() => setAdding(true)}>
              {t("incident.notices.new")}
            </Button>
          </Group>
        )}
        {editable && adding && (
          <>
            <ProblemAlert error={create.error} />
            <DsaNoticeForm
              saving={create.isPending}
              error={create.error}
              submitLabel={t("incident.notices.create")}
              onSave={(fields) => {
                if (!fields.goodFaith) return;
                create.mutate({ ...fields, goodFaith: true }, { onSuccess: () => setAdding(false) });
              }}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function DsaNoticeItem({
  incidentId,
  notice,
  editable,
}: {
  incidentId: string;
  notice: NoticeRead;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const base = `/notices/${encodeURIComponent(notice.id)}`;
  const save = useIncidentAction<NoticeUpdate>(incidentId, "PATCH", () => base);
  const move = useIncidentAction<NoticeTransition>(incidentId, "POST", () => `${base}/transitions`);
  const hand = useIncidentAction<{ name: string; at: string }>(
    incidentId,
    "POST",
    () => `${base}/trusted-flagger`,
  );
  const [editing, setEditing] = useState(false);
  const [to, setTo] = useState(notice.nextStates[0] ?? "");
  const [detail, setDetail] = useState("");
  const [decision, setDecision] = useState<"removed" | "disabled" | "restricted" | "no_action">("removed");
  const [path, setPath] = useState<"internal_complaint" | "out_of_court" | "court">("internal_complaint");
  const [flagger, setFlagger] = useState("");
  const at = () => new Date().toISOString();

  const transition = (): NoticeTransition | null => {
    if (to === "submitted") return { to, at: at(), via: detail.trim() || "–" };
    if (to === "confirmed") return { to, at: at(), reference: detail };
    if (to === "decided") return { to, at: at(), decision, statement: detail };
    if (to === "redress") return { to, at: at(), path, note: detail };
    return null;
  };

  return (
    <Paper withBorder p="sm" data-testid="dsa-notice" data-state={notice.state}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{notice.platform || "–"}</Text>
          <Badge variant="outline">{t(`incident.notices.state.${notice.state}`)}</Badge>
        </Group>
        <ProblemAlert error={save.error ?? move.error ?? hand.error} />
        {editing ? (
          <DsaNoticeForm
            initial={notice}
            saving={save.isPending}
            error={save.error}
            submitLabel={t("incident.notices.save")}
            onSave={(fields) => save.mutate(fields, { onSuccess: () => setEditing(false) })}
          />
        ) : (
          <details>
            <summary>{t("incident.notices.text")}</summary>
            <Code block className="post-text">
              {notice.text[lang]}
            </Code>
          </details>
        )}
        {notice.trustedFlagger && (
          <Text size="sm">
            {t("incident.notices.handedTo", {
              name: notice.trustedFlagger.name,
              date: formatDateTime(notice.trustedFlagger.handedAt, i18n.language),
            })}
          </Text>
        )}
        {editable && notice.state === "draft" && !editing && (
          <Group>
            <Button size="compact-sm" variant="default" onClick={() => setEditing(true)}>
              {t("incident.notices.edit")}
            </Button>
          </Group>
        )}
        {editable && notice.nextStates.length > 0 && (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <NativeSelect
              size="xs"
              label={t("incident.notices.move")}
              data={notice.nextStates.map((s) => ({ value: s, label: t(`incident.notices.state.${s}`) }))}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value as typeof to)}
            />
            {to === "decided" && (
              <NativeSelect
                size="xs"
                label={t("incident.notices.decision")}
                data={(["removed", "disabled", "restricted", "no_action"] as const).map((d) => ({
                  value: d,
                  label: t(`incident.notices.decisions.${d}`),
                }))}
                value={decision}
                onChange={(e) => setDecision(e.currentTarget.value as typeof decision)}
              />
            )}
            {to === "redress" && (
              <NativeSelect
                size="xs"
                label={t("incident.notices.path")}
                data={(["internal_complaint", "out_of_court", "court"] as const).map((p) => ({
                  value: p,
                  label: t(`incident.notices.paths.${p}`),
                }))}
                value={path}
                onChange={(e) => setPath(e.currentTarget.value as typeof path)}
              />
            )}
            <TextInput
              size="xs"
              label={
                to === "submitted"
                  ? t("incident.notices.via")
                  : to === "confirmed"
                    ? t("incident.notices.reference")
                    : t("incident.notices.statement")
              }
              value={detail}
              onChange={(e) => setDetail(e.currentTarget.value)}
            />
            <Button
              size="xs"
              loading={move.isPending}
              onClick={() => {
                const body = transition();
                if (body) move.mutate(body, { onSuccess: () => setDetail("") });
              }}
            >
              {t("incident.notices.apply")}
            </Button>
          </Group>
        )}
        {editable && !notice.trustedFlagger && (
          <Group align="flex-end" gap="xs">
            <TextInput
              size="xs"
              label={t("incident.notices.flagger")}
              value={flagger}
              onChange={(e) => setFlagger(e.currentTarget.value)}
            />
            <Button
              size="xs"
              variant="default"
              disabled={!flagger.trim()}
              loading={hand.isPending}
              onClick={() => hand.mutate({ name: flagger.trim(), at: at() })}
            >
              {t("incident.notices.handTo")}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
