import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useSwitchWorkspace } from "../auth/useSwitchWorkspace.ts";
import { sortWorkspaces } from "../auth/workspaces.ts";

/** The user menu's workspace switcher: the real workspace and the exercise workspaces the person belongs to. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useCurrentSession();
  const switchWorkspace = useSwitchWorkspace();
  if (session.workspaces.length < 2) return null;

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="compact-sm"
          loading={switchWorkspace.isPending}
          title={t("training.workspace.current", { name: session.org.name })}
          data-testid="workspace-switcher"
        >
          {t("training.workspace.switch")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {sortWorkspaces(session.workspaces).map((workspace) => (
          <Menu.Item
            key={workspace.id}
            disabled={workspace.id === session.org.id}
            onClick={() =>
              switchWorkspace.mutate(workspace.id, {
                onSuccess: () => navigate(workspace.kind === "exercise" ? "/inbox" : "/overview"),
              })
            }
            aria-current={workspace.id === session.org.id ? "true" : undefined}
            data-testid="workspace-option"
          >
            {workspace.name} ·{" "}
            {workspace.kind === "exercise" ? t("training.workspace.exercise") : t("training.workspace.live")}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
