import { Anchor, Badge, Blockquote, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { CampaignGroupRead } from "../../../src/escalation/escalation.schema.ts";
import { formatDateTime } from "../app/formatTime.ts";
import { mentionsOfPosts } from "../mentions/mentionFilters.ts";
import { safeHttpUrl } from "../mentions/safeLink.ts";
import { listWithMore } from "./listWithMore.ts";

const SHOWN_MEMBERS = 8;

/** Coordinated groups of the last 3 hours, best first, each with the evidence that makes it one. */
export function CampaignGroups({ campaigns }: { campaigns: readonly CampaignGroupRead[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="campaigns">
      <Stack gap="sm">
        <Title order={3} size="h5" id={titleId}>
          {t("escalation.campaigns.title")}
        </Title>
        {campaigns.length === 0 ? (
          <Text size="sm">{t("escalation.campaigns.none")}</Text>
        ) : (
          campaigns.map((campaign, index) => (
            // Groups have no id of their own; the first post is theirs alone within one answer.
            <CampaignGroup key={campaign.postIds[0] ?? index} campaign={campaign} number={index + 1} />
          ))
        )}
      </Stack>
    </Paper>
  );
}

/** One group. Example texts and the link are attacker-controlled: plain text, and a link only if it is http(s). */
function CampaignGroup({ campaign, number }: { campaign: CampaignGroupRead; number: number }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const lang = i18n.language;
  const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const link = safeHttpUrl(campaign.sharedLink);
  const more = (rest: number) => t("escalation.more", { count: rest });

  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-labelledby={headingId}
      data-testid="campaign-group"
      data-flagged={campaign.flagged}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={4} size="h6" id={headingId}>
            {t("escalation.campaigns.groupTitle", {
              number,
              members: campaign.memberCount,
              posts: campaign.postCount,
            })}
          </Title>
          <Badge
            variant={campaign.flagged ? "filled" : "outline"}
            color={campaign.flagged ? "red.9" : "gray.8"}
            title={t("escalation.campaigns.score", { score: decimal.format(campaign.score) })}
          >
            {campaign.flagged ? t("escalation.campaigns.flagged") : t("escalation.campaigns.watch")}
          </Badge>
        </Group>
        {campaign.signals.length > 0 && (
          <Group gap={4} aria-label={t("escalation.campaigns.signalsLabel")} role="list">
            {campaign.signals.map((signal) => (
              <Badge
                key={signal}
                role="listitem"
                size="sm"
                variant="filled"
                color="indigo.9"
                data-testid="campaign-signal"
                data-signal={signal}
              >
                {t(`escalation.campaigns.signals.${signal}`)}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="sm">
          {t("escalation.campaigns.span", {
            from: formatDateTime(campaign.from, lang),
            to: formatDateTime(campaign.to, lang),
          })}
        </Text>
        <Text size="sm">
          {campaign.medianAccountAgeDays === null
            ? t("escalation.campaigns.ageUnknown", { young: campaign.youngAccounts })
            : t("escalation.campaigns.age", {
                days: decimal.format(campaign.medianAccountAgeDays),
                young: campaign.youngAccounts,
                members: campaign.memberCount,
              })}
        </Text>
        <Text size="sm">
          {t("escalation.campaigns.measures", {
            similarity: percent.format(campaign.textSimilarity),
            synchrony: percent.format(campaign.synchrony),
            reshares: percent.format(campaign.reshareShare),
          })}
        </Text>
        {campaign.sharedLink && (
          <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="campaign-link">
            {t("escalation.campaigns.sharedLink")}{" "}
            {link ? (
              <Anchor href={link} target="_blank" rel="noopener noreferrer nofollow" size="sm">
                {campaign.sharedLink}
              </Anchor>
            ) : (
              <Code>{campaign.sharedLink}</Code>
            )}
          </Text>
        )}
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {t("escalation.campaigns.members", {
            accounts: listWithMore(campaign.members, SHOWN_MEMBERS, more),
          })}
        </Text>
        {campaign.exampleTexts.map((text, index) => (
          <Blockquote
            // Example texts may repeat word for word (that is the point); their position is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            color="gray"
            p="xs"
            fz="sm"
            className="post-text"
            data-testid="campaign-example"
          >
            {text}
          </Blockquote>
        ))}
        {campaign.postIds.length > 0 && (
          <Anchor
            component={Link}
            to={mentionsOfPosts(campaign.postIds)}
            size="sm"
            data-testid="campaign-posts"
          >
            {campaign.postIds.length < campaign.postCount
              ? t("escalation.campaigns.showFirstPosts", { count: campaign.postIds.length })
              : t("escalation.campaigns.showPosts", { count: campaign.postIds.length })}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
