import { Code, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

const examples = [
  ["and", "kündigung AND vertrag"],
  ["or", "störung OR ausfall"],
  ["not", "bahn NOT modellbahn"],
  ["group", "(störung OR ausfall) AND netz"],
  ["phrase", '"schlechter service"'],
  ["wildcard", "kündig*"],
  ["near", "kunde NEAR/3 wütend"],
  ["author", "author:verbraucherzentrale"],
  ["lang", "lang:de"],
  ["platform", "platform:mastodon"],
] as const;

/** A short cheat sheet of the topic query language. */
export function QuerySyntaxHelp() {
  const { t } = useTranslation();
  return (
    <details>
      <summary>
        <Text span size="sm" fw={500}>
          {t("topics.syntax.title")}
        </Text>
      </summary>
      <Table mt="xs" withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("topics.syntax.example")}</Table.Th>
            <Table.Th scope="col">{t("topics.syntax.meaning")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {examples.map(([key, example]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <Code>{example}</Code>
              </Table.Td>
              <Table.Td>{t(`topics.syntax.${key}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  );
}
