import { Box, Code, Text, Textarea } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { QueryValidation } from "../../../src/topics/topics.schema.ts";
import { placeQueryCaret } from "./queryCaret.ts";

interface QueryFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** An error the server gave on save, shown when live validation has nothing to say. */
  serverError?: string | undefined;
  /** The live check of the current text (from useQueryValidation), if there is one yet. */
  validation: QueryValidation | undefined;
  /** The live check could not be run (server unreachable); saving still validates. */
  checkFailed: boolean;
}

/** The Boolean query input: validates live while typing and marks the position of the first error. */
export function QueryField({ value, onChange, serverError, validation, checkFailed }: QueryFieldProps) {
  const { t } = useTranslation();
  const errorId = useId();
  const result = value.trim() ? validation : undefined;
  const syntaxError = result && !result.ok ? result.error : undefined;
  const caret = syntaxError ? placeQueryCaret(value, syntaxError.position) : undefined;

  return (
    <Box>
      <Textarea
        label={t("topics.query")}
        description={t("topics.queryDescription")}
        required
        autosize
        minRows={2}
        maxRows={8}
        spellCheck={false}
        autoComplete="off"
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={serverError && !syntaxError ? serverError : syntaxError ? true : undefined}
        aria-describedby={syntaxError ? errorId : undefined}
        data-testid="topic-query"
      />
      {syntaxError && caret && (
        <Box
          id={errorId}
          mt={6}
          role="status"
          data-testid="topic-query-error"
          data-position={syntaxError.position}
        >
          <Text size="sm" c="red.9" fw={500}>
            {t("topics.queryError", {
              line: caret.line,
              column: caret.column + 1,
              message: syntaxError.message,
            })}
          </Text>
          <Code block className="query-caret" aria-hidden="true" mt={4}>
            {caret.lineText}
            {"\n"}
            <Text span c="red.9" fw={700} inherit>
              {caret.marker}
            </Text>
          </Code>
        </Box>
      )}
      {result?.ok && (
        <Text size="xs" c="dimmed" mt={4} data-testid="topic-query-ok">
          {t("topics.queryOk")} <Code>{result.canonical}</Code>
        </Text>
      )}
      {checkFailed && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("topics.queryCheckUnavailable")}
        </Text>
      )}
    </Box>
  );
}
