import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { EvidenceRead } from "../../../src/evidence/evidence.schema.ts";
import { ApiError } from "../app/api.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useRenderEvidence } from "./useRenderEvidence.ts";
import { useSetLegalHold } from "./useSetLegalHold.ts";

/** The download address of one file of an item. */
export const evidenceFileUrl = (id: string, name: string) =>
  `/api/evidence/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}`;

function LegalHold({ item, editable }: { item: EvidenceRead; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const hold = useSetLegalHold();
  const next = !item.legalHold.on;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t("evidence.hold.label")}:
        </Text>
        <Badge color={item.legalHold.on ? "red" : "gray"} variant="light" data-testid="evidence-hold-state">
          {item.legalHold.on ? t("evidence.hold.on") : t("evidence.hold.off")}
        </Badge>
        {item.legalHold.at && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {t("evidence.hold.since", {
              at: formatDateTime(item.legalHold.at, i18n.language),
              who: item.legalHold.by ?? "",
              reason: item.legalHold.reason ?? "",
            })}
          </Text>
        )}
      </Group>
      {editable && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            hold.mutate(
              { id: item.id, legalHold: next, reason: reason.trim() },
              { onSuccess: () => setReason("") },
            );
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t("evidence.hold.reason")}
              description={t("evidence.hold.reasonHint")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              maxLength={1000}
              error={hold.error instanceof ApiError ? hold.error.fieldError("reason") : undefined}
              data-testid="evidence-hold-reason"
            />
            <Button
              type="submit"
              variant={next ? "filled" : "default"}
              color={next ? "red" : undefined}
              loading={hold.isPending}
              disabled={reason.trim() === ""}
              data-testid="evidence-hold-toggle"
            >
              {next ? t("evidence.hold.put") : t("evidence.hold.release")}
            </Button>
          </Group>
        </form>
      )}
      <ProblemAlert error={hold.error} />
    </Stack>
  );
}

/**
 * One evidence item: the post's excerpt (as text), URLs, times, capturer, legal hold, timestamp,
 * and its files with size, SHA-256 and download links. Post text is user content, rendered as text only.
 */
export function EvidenceItemCard({
  item,
  headingOrder = 2,
  canHold,
  canRender,
}: {
  item: EvidenceRead;
  headingOrder?: 2 | 3 | 4;
  canHold: boolean;
  canRender: boolean;
}) {
  const { t, i18n } = useTranslation();
  const render = useRenderEvidence();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Paper withBorder p="md" data-testid="evidence-item" data-id={item.id} id={`evidence-${item.id}`}>
      <Stack gap="sm">
        <Title order={headingOrder} size="h4" style={{ overflowWrap: "anywhere" }}>
          {t("evidence.itemHeading", {
            platform: t(`platforms.${item.platform}`, { defaultValue: item.platform }),
            handle: item.authorHandle,
          })}
        </Title>
        <Text size="sm" fw={600}>
          {t("evidence.postExcerpt")}
        </Text>
        <Text size="sm" className="post-text" data-testid="evidence-excerpt">
          {item.excerpt}
        </Text>
        {item.postId === null && (
          <Text size="sm" c="dimmed">
            {t("evidence.postDeleted")}
          </Text>
        )}
        <Stack gap={2}>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {t("evidence.postUrl")}: {item.postUrl ?? "–"}
          </Text>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {t("evidence.profileUrl")}: {item.profileUrl ?? "–"}
          </Text>
          <Text size="sm">
            {t("evidence.firstSeen")}: {formatDateTime(item.firstSeenAt, i18n.language)}
          </Text>
          <Text size="sm">
            {t("evidence.captured")}: {formatDateTime(item.capturedAt, i18n.language)}{" "}
            {t("evidence.capturedBy", { who: item.capturedBy })}
          </Text>
          {item.note && (
            <Text size="sm" className="post-text">
              {t("evidence.note")}: {item.note}
            </Text>
          )}
          {item.incidentId && (
            <Text size="sm">
              {t("evidence.incident")}:{" "}
              <Anchor component={Link} to={`/incidents/${encodeURIComponent(item.incidentId)}`}>
                {item.incidentId}
              </Anchor>
            </Text>
          )}
        </Stack>
        <LegalHold item={item} editable={canHold} />
        <Text size="sm" data-testid="evidence-timestamp">
          <Text span fw={600}>
            {t("evidence.timestamp.label")}:
          </Text>{" "}
          {item.timestamp
            ? t("evidence.timestamp.at", {
                at: formatDateTime(item.timestamp.genTime, i18n.language),
                tsa: item.timestamp.tsaUrl,
                serial: item.timestamp.serialNumber,
              })
            : item.timestampError
              ? t("evidence.timestamp.failed", { error: item.timestampError })
              : t("evidence.timestamp.none")}
        </Text>
        {item.renderError && (
          <Alert color="yellow" variant="light" role="status">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("evidence.render.failed", { error: item.renderError })}</Text>
              {canRender && (
                <Button
                  size="xs"
                  variant="default"
                  loading={render.isPending}
                  onClick={() => render.mutate(item.id)}
                  data-testid="evidence-render-again"
                >
                  {t("evidence.render.again")}
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        <ProblemAlert error={render.error} />
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Caption>{t("evidence.files.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("evidence.files.name")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("evidence.files.size")}
                </Table.Th>
                <Table.Th scope="col">{t("evidence.files.sha256")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.files.map((file) => (
                <Table.Tr key={file.name} data-testid="evidence-file">
                  <Table.Td>
                    <Anchor
                      href={evidenceFileUrl(item.id, file.name)}
                      download
                      aria-label={t("evidence.files.download", { name: file.name })}
                    >
                      {file.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">
                    {t("evidence.files.bytes", { formatted: number.format(file.size) })}
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ overflowWrap: "anywhere" }}>{file.sha256}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
