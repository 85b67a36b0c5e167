import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { OfficialAccountRead } from "../../../src/accounts/accounts.schema.ts";
import { currentLanguage } from "../app/i18n.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useStartLockdown } from "./useStartLockdown.ts";

interface LockdownButtonProps {
  account: Pick<OfficialAccountRead, "key" | "platform" | "handle">;
  /** Posts to attach as evidence: the takeover signals the page shows. */
  postIds: readonly string[];
  /** Filled red in the takeover alert; a quiet button on every account, for a takeover learned of elsewhere. */
  prominent?: boolean;
}

/**
 * Starts the lockdown of an account after asking once more: opens the "own account hacked" incident with
 * its playbook's tasks and the given posts, in the UI language, and goes to the incident.
 */
export function LockdownButton({ account, postIds, prominent = false }: LockdownButtonProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartLockdown();
  const [opened, setOpened] = useState(false);
  const close = () => {
    setOpened(false);
    start.reset();
  };

  const confirm = () =>
    start.mutate(
      {
        ...(account.platform === null ? {} : { platform: account.platform }),
        handle: account.handle,
        lang: currentLanguage(),
        postIds: [...postIds],
      },
      { onSuccess: (result) => navigate(`/incidents/${encodeURIComponent(result.incidentId)}`) },
    );

  return (
    <>
      <Button
        size={prominent ? "sm" : "compact-sm"}
        variant={prominent ? "filled" : "subtle"}
        // Red-9: 5.5:1 as a fill under white text and, set as the text colour, on white (a subtle button's
        // own text colour is red-6, 3.7:1).
        color="red.9"
        c={prominent ? "white" : "red.9"}
        onClick={() => setOpened(true)}
        aria-label={t("accounts.lockdown.startNamed", { handle: account.handle })}
        data-testid="lockdown-start"
        data-key={account.key}
      >
        {t("accounts.lockdown.start")}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t("accounts.lockdown.title", { handle: account.handle })}
        data-testid="lockdown-dialog"
      >
        <Stack gap="sm">
          <ProblemAlert error={start.error} />
          <Text size="sm">{t("accounts.lockdown.text", { handle: account.handle })}</Text>
          {postIds.length > 0 && (
            <Text size="sm">{t("accounts.lockdown.withPosts", { count: postIds.length })}</Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red.9"
              loading={start.isPending}
              onClick={confirm}
              data-autofocus
              data-testid="lockdown-confirm"
            >
              {t("accounts.lockdown.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
