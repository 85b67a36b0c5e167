import { Loader, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { canApproveDrafts } from "../../../src/publishing/publishing.policy.ts";
import type { DraftRead } from "../../../src/publishing/publishing.schema.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { DraftCard } from "./DraftCard.tsx";
import { DraftComposer } from "./DraftComposer.tsx";
import { useDrafts } from "./useDrafts.ts";

function DraftSection({
  title,
  empty,
  drafts,
  approving = false,
  testId,
}: {
  title: string;
  empty: string;
  drafts: ReturnType<typeof useDrafts>;
  approving?: boolean;
  testId: string;
}): ReactNode {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId} data-testid={testId}>
      <Title order={2} size="h4" id={headingId}>
        {title}
        {drafts.data && drafts.data.length > 0 ? ` (${drafts.data.length})` : ""}
      </Title>
      <ProblemAlert error={drafts.error} />
      {drafts.isPending && <Loader size="sm" aria-label={t("common.loading")} />}
      {drafts.isSuccess && drafts.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {drafts.data?.map((draft: DraftRead) => (
        <DraftCard key={draft.id} draft={draft} approving={approving} />
      ))}
    </Stack>
  );
}

/**
 * Publishing: the approval queue (drafts others wrote that wait for my approval), my open drafts, what
 * failed to send, what went out, and a composer for a new post.
 */
export function PublishingPage() {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const mayApprove = canApproveDrafts(session);
  const queue = useDrafts({ awaitingMe: "true" }, mayApprove);
  const mine = useDrafts({ mine: "true", status: "draft,pending_approval,approved,rejected" });
  const failed = useDrafts({ status: "failed" });
  const sent = useDrafts({ status: "sent" });
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const newPostTitle = useId();

  return (
    <Page title={t("publishing.title")}>
      {mayApprove ? (
        <DraftSection
          title={t("publishing.queueTitle")}
          empty={t("publishing.queueEmpty")}
          drafts={queue}
          approving
          testId="approval-queue"
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t("publishing.queueNotAllowed")}
        </Text>
      )}
      <DraftSection
        title={t("publishing.mineTitle")}
        empty={t("publishing.mineEmpty")}
        drafts={mine}
        testId="my-drafts"
      />
      <DraftSection
        title={t("publishing.failedTitle")}
        empty={t("publishing.failedEmpty")}
        drafts={failed}
        testId="failed-drafts"
      />
      <Stack gap="xs" component="section" aria-labelledby={newPostTitle}>
        <Title order={2} size="h4" id={newPostTitle}>
          {t("publishing.newPostTitle")}
        </Title>
        <DraftComposer kind="post" lang={lang} />
      </Stack>
      <DraftSection
        title={t("publishing.sentTitle")}
        empty={t("publishing.sentEmpty")}
        drafts={sent}
        testId="sent-drafts"
      />
    </Page>
  );
}
