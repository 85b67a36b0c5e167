import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AccountSecurityRead } from "../../../src/accounts/accounts.schema.ts";
import { formatDateTime, formatRelativeTime } from "../app/formatTime.ts";
import { FactList } from "./FactList.tsx";
import { formatDay } from "./formatDay.ts";

/**
 * What the team recorded about an account's security: owner, who may post, sign-in, recovery, the last
 * access review, connected apps and a note. Everything here is user text and rendered as text only.
 */
export function AccountSecurityDetails({
  security,
  now,
}: {
  security: AccountSecurityRead | null;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  if (!security) {
    return (
      <Text size="sm" c="dimmed" data-testid="account-security-none">
        {t("accounts.security.none")}
      </Text>
    );
  }
  const day = (value: string) => formatDay(value, i18n.language);
  const dimmed = (text: string) => (
    <Text span size="sm" c="dimmed">
      {text}
    </Text>
  );

  return (
    <>
      <FactList
        facts={[
          {
            id: "owner",
            label: t("accounts.security.owner"),
            value: security.owner ?? dimmed(t("accounts.security.nobody")),
          },
          {
            id: "posters",
            label: t("accounts.security.posters"),
            value:
              security.posters.length > 0
                ? security.posters.join(", ")
                : dimmed(t("accounts.security.nobody")),
          },
          {
            id: "twoFactor",
            label: t("accounts.security.twoFactor"),
            value: t(`accounts.twoFactor.${security.twoFactor}`),
          },
          {
            id: "recoveryContact",
            label: t("accounts.security.recoveryContact"),
            value: security.recoveryContact ? (
              <>
                {security.recoveryContact}{" "}
                {dimmed(
                  security.recoveryVerifiedOn
                    ? t("accounts.security.checked", { date: day(security.recoveryVerifiedOn) })
                    : t("accounts.security.neverChecked"),
                )}
              </>
            ) : (
              dimmed(t("accounts.security.notSet"))
            ),
          },
          {
            id: "accessReviewedOn",
            label: t("accounts.security.accessReviewedOn"),
            value: security.accessReviewedOn
              ? day(security.accessReviewedOn)
              : dimmed(t("accounts.security.never")),
          },
          {
            id: "connectedApps",
            label: t("accounts.security.connectedApps"),
            value:
              security.connectedApps.length > 0
                ? security.connectedApps.join(", ")
                : dimmed(t("accounts.security.noApps")),
          },
          ...(security.note
            ? [
                {
                  id: "note",
                  label: t("accounts.security.note"),
                  value: (
                    <Text span size="sm" className="post-text" data-testid="account-note">
                      {security.note}
                    </Text>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Text size="xs" c="dimmed" mt={6}>
        {t("accounts.security.recorded")}{" "}
        <time dateTime={security.updatedAt} title={formatDateTime(security.updatedAt, i18n.language)}>
          {formatRelativeTime(security.updatedAt, now, i18n.language)}
        </time>
      </Text>
    </>
  );
}
