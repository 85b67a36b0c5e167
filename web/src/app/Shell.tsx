import {
  Anchor,
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, NavLink as RouterNavLink, useLocation } from "react-router-dom";
import { useOpenAlertCount } from "../alerts/useOpenAlertCount.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useLogout } from "../auth/useLogout.ts";
import { isExerciseWorkspace } from "../auth/workspaces.ts";
import { usePendingApprovalCount } from "../publishing/usePendingApprovalCount.ts";
import { TrainingBanner } from "../training/TrainingBanner.tsx";
import { WorkspaceSwitcher } from "../training/WorkspaceSwitcher.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

/** The sections of the navigation, in order; each path is also its `nav-<name>` test id. */
export const sections = [
  "overview",
  "reports",
  "mentions",
  "inbox",
  "alerts",
  "incidents",
  "playbooks",
  "publishing",
  "evidence",
  "stakeholders",
  "accounts",
  "training",
  "settings",
] as const;

/** The signed-in layout: header (organisation, user, language, logout), navigation, and the page. */
export function Shell() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const logout = useLogout();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const openAlerts = useOpenAlertCount();
  const pendingApprovals = usePendingApprovalCount();
  const badges: Partial<Record<(typeof sections)[number], number>> = {
    alerts: openAlerts.data,
    publishing: pendingApprovals.data,
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor
        href="#main"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {t("shell.skipToContent")}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("shell.toggleNavigation")}
              aria-expanded={opened}
            />
            <Text fw={700} c="red.9">
              Brandwache
            </Text>
            <Text size="sm" c="dimmed" visibleFrom="xs" data-testid="org-name">
              {session.org.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="md" data-testid="user-name" title={session.user.email}>
              {session.user.name} ({t(`roles.${session.role}`)})
            </Text>
            <WorkspaceSwitcher />
            <LanguageSwitch />
            <Button
              variant="default"
              size="compact-sm"
              loading={logout.isPending}
              onClick={() => logout.mutate()}
              data-testid="logout"
            >
              {t("shell.logout")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("shell.navigation")}>
        {sections.map((section) => (
          <NavLink
            key={section}
            component={RouterNavLink}
            to={`/${section}`}
            label={t(`nav.${section}`)}
            rightSection={
              <NavBadge
                count={badges[section]}
                label={section === "publishing" ? "shell.waitingCount" : "shell.openCount"}
              />
            }
            active={location.pathname === `/${section}` || location.pathname.startsWith(`/${section}/`)}
            onClick={close}
            data-testid={`nav-${section}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw={1400}>
          {isExerciseWorkspace(session) && <TrainingBanner />}
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label={t("common.loading")} />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

/** A count beside a navigation item (open alerts, drafts awaiting approval), read out as "3 open"; nothing when there is none. */
function NavBadge({
  count,
  label,
}: {
  count: number | undefined;
  label: "shell.openCount" | "shell.waitingCount";
}) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <>
      <Badge size="sm" variant="filled" color="red.9" aria-hidden data-testid="nav-badge">
        {count > 99 ? "99+" : count}
      </Badge>
      <VisuallyHidden>{t(label, { count })}</VisuallyHidden>
    </>
  );
}
