import { Button, FileInput, Paper, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useBlockLists } from "./useBlockLists.ts";
import { useImportBlockList } from "./useImportBlockList.ts";

// The server takes up to 20 MB of list text (`POST /api/risk/blocklists`).
const MAX_BYTES = 20_000_000;

/** Settings → Risk profile → Block lists: the imported lists with their sizes, and (for managers) an import form. */
export function BlockListsPanel({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lists = useBlockLists();
  const importList = useImportBlockList();
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [tooLarge, setTooLarge] = useState(false);
  const error = importList.error instanceof ApiError ? importList.error : null;
  const count = (n: number) => new Intl.NumberFormat(i18n.language).format(n);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (file && file.size > MAX_BYTES) {
      setTooLarge(true);
      return;
    }
    // The file is read here in the browser and sent as text; the server parses the hosts.
    const content = file ? await file.text() : pasted;
    importList.mutate(
      { name: name.trim(), content },
      {
        onSuccess: () => {
          setFile(null);
          setPasted("");
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        {t("risk.blocklists.title")}
      </Title>
      <Text size="sm">{t("risk.blocklists.intro")}</Text>
      <ProblemAlert error={lists.error} />
      {lists.data && lists.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("risk.blocklists.empty")}
        </Text>
      )}
      {lists.data && lists.data.length > 0 && (
        <Table striped maw={560} data-testid="blocklist-table">
          <Table.Caption>{t("risk.blocklists.listCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("risk.blocklists.list")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("risk.blocklists.hosts")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.data.map((list) => (
              <Table.Tr key={list.list} data-testid="blocklist-row">
                <Table.Td>{list.list}</Table.Td>
                <Table.Td ta="right">{count(list.hosts)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable ? (
        <Paper withBorder p="md">
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="blocklist-import-title">
            <Stack gap="sm">
              <Title order={3} size="h5" id="blocklist-import-title">
                {t("risk.blocklists.importTitle")}
              </Title>
              {importList.error && !error?.problem.errors?.length && (
                <ProblemAlert error={importList.error} />
              )}
              <TextInput
                label={t("risk.blocklists.name")}
                description={t("risk.blocklists.nameHint")}
                required
                maxLength={100}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={error?.fieldError("name")}
                data-testid="blocklist-name"
              />
              <FileInput
                label={t("risk.blocklists.file")}
                description={t("risk.blocklists.fileHint")}
                placeholder={t("risk.blocklists.filePlaceholder")}
                // Mantine's placeholder grey (gray-5) reaches only 2:1; this one is real text on a button, so it must pass 4.5:1.
                styles={{ placeholder: { color: "var(--mantine-color-gray-7)" } }}
                accept=".txt,.csv,.list,text/plain,text/csv"
                clearable
                value={file}
                onChange={(next) => {
                  setFile(next);
                  setTooLarge(false);
                }}
                error={tooLarge ? t("risk.blocklists.tooLarge") : error?.fieldError("content")}
                data-testid="blocklist-file"
              />
              {!file && (
                <Textarea
                  label={t("risk.blocklists.content")}
                  autosize
                  minRows={2}
                  maxRows={8}
                  value={pasted}
                  onChange={(e) => setPasted(e.currentTarget.value)}
                  styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
                  data-testid="blocklist-content"
                />
              )}
              <div>
                <Button
                  type="submit"
                  loading={importList.isPending}
                  disabled={!name.trim() || (!file && !pasted.trim())}
                  data-testid="blocklist-submit"
                >
                  {t("risk.blocklists.submit")}
                </Button>
              </div>
              <Text size="sm" c="teal.9" role="status" data-testid="blocklist-result">
                {importList.data
                  ? t("risk.blocklists.result", {
                      added: count(importList.data.added),
                      total: count(importList.data.total),
                      count: importList.data.total,
                    })
                  : ""}
              </Text>
            </Stack>
          </form>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          {t("risk.blocklists.readOnly")}
        </Text>
      )}
    </Stack>
  );
}
