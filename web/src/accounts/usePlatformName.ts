import { useTranslation } from "react-i18next";

/** A registry platform in words: its UI name where one exists, "all platforms" for an entry without one. */
export function usePlatformName(): (platform: string | null) => string {
  const { t } = useTranslation();
  return (platform) =>
    platform === null
      ? t("accounts.allPlatforms")
      : t(`platforms.${platform.toLowerCase()}`, { defaultValue: platform });
}
