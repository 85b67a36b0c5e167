import { NativeSelect, PasswordInput, Switch, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SchemaField } from "./schemaFields.ts";

interface SchemaFieldInputProps {
  field: SchemaField;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  /** The server's message for this field. */
  error: string | undefined;
  /** Whether the form shows it as required (a stored secret may be left empty). */
  required: boolean;
  /** For secrets: whether the server holds one already (`undefined` when creating). */
  secretSet?: boolean | undefined;
  /** `config` or `secrets`, for test ids. */
  group: "config" | "secrets";
}

/** One generated input of the connector form: text, URL, number, switch, list (textarea), choice or secret (never pre-filled). */
export function SchemaFieldInput({
  field,
  value,
  onChange,
  error,
  required,
  secretSet,
  group,
}: SchemaFieldInputProps) {
  const { t } = useTranslation();
  // Known fields have German and English labels; a new kind's fields fall back to the humanised property name.
  const label = t(`connectors.fieldNames.${field.name}`, { defaultValue: field.label });
  const hint = t(`connectors.fieldHints.${field.name}`, { defaultValue: field.description ?? "" });
  const defaultHint =
    typeof field.defaultValue === "string" && field.defaultValue !== ""
      ? t("connectors.defaultHint", { value: field.defaultValue })
      : "";
  const testId = `connector-${group}-${field.name}`;
  const text = typeof value === "string" ? value : "";

  if (group === "secrets") {
    const state =
      secretSet === undefined ? "" : secretSet ? t("connectors.secretSet") : t("connectors.secretNotSet");
    return (
      <PasswordInput
        label={label}
        description={[hint, state].filter((part) => part !== "").join(" ") || undefined}
        required={required}
        maxLength={field.maxLength}
        autoComplete="new-password"
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        visibilityToggleButtonProps={{ "aria-label": t("common.togglePassword") }}
        data-testid={testId}
        data-set={secretSet}
      />
    );
  }

  switch (field.type) {
    case "boolean":
      return (
        <Switch
          label={label}
          description={hint || undefined}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          data-testid={testId}
        />
      );
    case "list":
      return (
        <Textarea
          label={label}
          description={hint || t("connectors.listHint")}
          required={required}
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
          data-testid={testId}
        />
      );
    case "choice":
      return (
        <NativeSelect
          label={label}
          description={hint || undefined}
          required={required}
          data={[
            ...(required ? [] : [{ value: "", label: t("connectors.choiceNone") }]),
            ...field.options.map((option) => ({ value: option, label: option })),
          ]}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
          maw={320}
          data-testid={testId}
        />
      );
    default:
      return (
        <TextInput
          label={label}
          description={[hint, defaultHint].filter((part) => part !== "").join(" ") || undefined}
          required={required}
          type={field.type === "url" ? "url" : "text"}
          inputMode={field.type === "number" ? "decimal" : undefined}
          maxLength={field.maxLength}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
          data-testid={testId}
        />
      );
  }
}
