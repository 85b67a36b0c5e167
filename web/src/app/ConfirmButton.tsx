import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

interface ConfirmButtonProps {
  label: string;
  confirmLabel: string;
  /** Full name for screen readers when `label` alone is ambiguous in a list ("Delete topic Telekom"). */
  ariaLabel?: string;
  loading?: boolean;
  onConfirm: () => void;
}

/** A destructive button that asks once more inline instead of a modal (easy for keyboards and tests). */
export function ConfirmButton({ label, confirmLabel, ariaLabel, loading, onConfirm }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button
        size="compact-sm"
        variant="outline"
        color="red"
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-sm"
        color="red"
        loading={loading}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
        data-autofocus
        data-testid="confirm-yes"
      >
        {confirmLabel}
      </Button>
      <Button size="compact-sm" variant="default" onClick={() => setAsking(false)}>
        {t("common.cancel")}
      </Button>
    </Group>
  );
}
