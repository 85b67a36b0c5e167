import { Anchor, Button, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { canCaptureEvidence } from "../../../src/evidence/evidence.policy.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { useCaptureEvidence } from "./useCaptureEvidence.ts";

/**
 * Captures a post as evidence (snapshot, PNG, PDF, hashes; of the incident when given) and then links
 * to the item. Hidden from roles that may not capture; a post its author deleted says why it cannot be
 * captured any more instead.
 */
export function CaptureEvidenceButton({
  postId,
  incidentId,
  deletedAt,
}: {
  postId: string;
  incidentId?: string;
  deletedAt?: string | null;
}) {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const capture = useCaptureEvidence();
  if (!canCaptureEvidence({ role })) return null;
  if (deletedAt)
    return (
      <Text size="xs" c="dimmed" data-testid="capture-evidence-deleted">
        {t("evidence.capture.deleted")}
      </Text>
    );
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="default"
        loading={capture.isPending}
        onClick={() => capture.mutate({ postId, ...(incidentId ? { incidentId } : {}) })}
        data-testid="capture-evidence"
      >
        {t("evidence.capture.button")}
      </Button>
      {capture.data && (
        <Text size="sm" role="status" data-testid="capture-evidence-done">
          {t("evidence.capture.done")}{" "}
          <Anchor component={Link} to={`/evidence?item=${encodeURIComponent(capture.data.id)}`}>
            {t("evidence.capture.open")}
          </Anchor>
        </Text>
      )}
      <ProblemAlert error={capture.error} />
    </Stack>
  );
}
