import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { HoursRange, ServiceCalendar } from "../../../src/core/sla/calendar.ts";
import { germanStates } from "../../../src/core/sla/holidays.ts";
import { priorityBands, type ServiceTargets } from "../../../src/core/sla/targets.ts";
import { numberFromInput } from "../alerts/ruleCondition.ts";
import { ApiError, api } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useInboxSettings } from "./useInboxSettings.ts";
import { useSaveInboxSettings } from "./useSaveInboxSettings.ts";

const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Attention threshold, weekly service hours, time zone, holidays (with the German generator) and targets. */
export function ServiceLevelSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const settings = useInboxSettings();
  const save = useSaveInboxSettings();
  const [threshold, setThreshold] = useState(0.6);
  const [calendar, setCalendar] = useState<ServiceCalendar | null>(null);
  const [holidays, setHolidays] = useState("");
  const [targets, setTargets] = useState<ServiceTargets | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const [state, setState] = useState("");
  const [generateError, setGenerateError] = useState<unknown>(null);

  useEffect(() => {
    if (!settings.data) return;
    setThreshold(settings.data.attentionThreshold);
    setCalendar(settings.data.calendar);
    setHolidays(settings.data.calendar.holidays.join("\n"));
    setTargets(settings.data.targets);
  }, [settings.data]);

  const fieldError = (field: string) =>
    save.error instanceof ApiError ? save.error.fieldError(field) : undefined;
  // A bad date is named by its index (calendar.holidays.3); the text area shows the first such message.
  const holidayError =
    save.error instanceof ApiError
      ? save.error.problem.errors?.find((p) => p.field.startsWith("calendar.holidays"))?.message
      : undefined;
  if (!calendar || !targets) return <ProblemAlert error={settings.error} />;

  const setDay = (day: number, ranges: HoursRange[]) =>
    setCalendar({ ...calendar, weekly: calendar.weekly.map((r, i) => (i === day ? ranges : r)) });
  const holidayList = () =>
    holidays
      .split(/\s+/u)
      .map((d) => d.trim())
      .filter((d) => d !== "");

  const generate = async () => {
    setGenerateError(null);
    try {
      const list = await api<{ items: { date: string }[] }>("/api/inbox/holidays", {
        query: { year, state: state || undefined },
      });
      setHolidays([...new Set([...holidayList(), ...list.items.map((h) => h.date)])].sort().join("\n"));
    } catch (error) {
      setGenerateError(error);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="inbox-sla-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            attentionThreshold: threshold,
            calendar: { ...calendar, holidays: holidayList() },
            targets,
          });
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h4" id="inbox-sla-title">
            {t("inbox.settings.title")}
          </Title>
          <NumberInput
            label={t("inbox.settings.threshold")}
            description={t("inbox.settings.thresholdHint")}
            min={0}
            max={1}
            step={0.05}
            decimalScale={2}
            value={threshold}
            onChange={(v) => setThreshold(numberFromInput(v))}
            error={fieldError("attentionThreshold")}
            disabled={!editable}
            maw={320}
            data-testid="inbox-threshold"
          />
          <Title order={3} size="h5">
            {t("inbox.settings.hoursTitle")}
          </Title>
          <TextInput
            label={t("inbox.settings.timeZone")}
            description={t("inbox.settings.timeZoneHint")}
            value={calendar.timeZone}
            onChange={(e) => setCalendar({ ...calendar, timeZone: e.currentTarget.value })}
            error={fieldError("calendar.timeZone")}
            disabled={!editable}
            maw={320}
          />
          {weekdays.map((key, day) => {
            const dayName = t(`inbox.settings.weekdays.${key}`);
            const ranges = calendar.weekly[day] ?? [];
            return (
              <Group key={key} gap="sm" align="flex-end">
                <Text w={110} fw={600} mb={8}>
                  {dayName}
                </Text>
                {ranges.length === 0 && (
                  <Text c="dimmed" mb={8}>
                    {t("inbox.settings.closed")}
                  </Text>
                )}
                {ranges.map((range, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity; a row is its position in the day
                  <Group key={`${key}-${i}`} gap={4} align="flex-end">
                    <TextInput
                      label={t("inbox.settings.from", { day: dayName })}
                      value={range.start}
                      onChange={(e) =>
                        setDay(
                          day,
                          ranges.map((r, j) => (j === i ? { ...r, start: e.currentTarget.value } : r)),
                        )
                      }
                      error={fieldError(`calendar.weekly.${day}.${i}.start`)}
                      disabled={!editable}
                      w={90}
                    />
                    <TextInput
                      label={t("inbox.settings.to", { day: dayName })}
                      value={range.end}
                      onChange={(e) =>
                        setDay(
                          day,
                          ranges.map((r, j) => (j === i ? { ...r, end: e.currentTarget.value } : r)),
                        )
                      }
                      error={fieldError(`calendar.weekly.${day}.${i}.end`)}
                      disabled={!editable}
                      w={90}
                    />
                    {editable && (
                      <ActionIcon
                        variant="subtle"
                        color="red.8"
                        mb={4}
                        aria-label={t("inbox.settings.removeRange", {
                          from: range.start,
                          to: range.end,
                          day: dayName,
                        })}
                        onClick={() =>
                          setDay(
                            day,
                            ranges.filter((_, j) => j !== i),
                          )
                        }
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {editable && (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    mb={6}
                    onClick={() => setDay(day, [...ranges, { start: "08:00", end: "18:00" }])}
                  >
                    {t("inbox.settings.addRange")}
                  </Button>
                )}
              </Group>
            );
          })}
          {fieldError("calendar.weekly") && (
            <Text c="red.8" size="sm" role="alert">
              {fieldError("calendar.weekly")}
            </Text>
          )}
          <Title order={3} size="h5">
            {t("inbox.settings.holidaysTitle")}
          </Title>
          <Textarea
            label={t("inbox.settings.holidays")}
            value={holidays}
            onChange={(e) => setHolidays(e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={10}
            error={holidayError}
            disabled={!editable}
            maw={320}
            data-testid="inbox-holidays"
          />
          {editable && (
            <Group gap="sm" align="flex-end">
              <NumberInput
                label={t("inbox.settings.year")}
                min={1995}
                max={2100}
                allowDecimal={false}
                value={year}
                onChange={(v) => setYear(Math.trunc(numberFromInput(v)))}
                w={110}
              />
              <NativeSelect
                label={t("inbox.settings.state")}
                data={[
                  { value: "", label: t("inbox.settings.nationwide") },
                  ...germanStates.map((s) => ({ value: s, label: s })),
                ]}
                value={state}
                onChange={(e) => setState(e.currentTarget.value)}
                data-testid="inbox-holiday-state"
              />
              <Button variant="default" onClick={() => void generate()} data-testid="inbox-holiday-generate">
                {t("inbox.settings.generate")}
              </Button>
            </Group>
          )}
          <ProblemAlert error={generateError} />
          <Table maw={640}>
            <Table.Caption>{t("inbox.settings.targetsCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("inbox.figures.band")}</Table.Th>
                <Table.Th scope="col">{t("inbox.sla.firstResponse")}</Table.Th>
                <Table.Th scope="col">{t("inbox.sla.resolution")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {priorityBands.map((band) => (
                <Table.Tr key={band}>
                  <Table.Th scope="row">{t(`inbox.band.${band}`)}</Table.Th>
                  {(["firstResponseMinutes", "resolutionMinutes"] as const).map((field) => (
                    <Table.Td key={field}>
                      <NumberInput
                        aria-label={t(
                          field === "firstResponseMinutes"
                            ? "inbox.settings.firstResponse"
                            : "inbox.settings.resolution",
                          { band: t(`inbox.band.${band}`) },
                        )}
                        min={1}
                        allowDecimal={false}
                        value={targets[band][field]}
                        onChange={(v) =>
                          setTargets({
                            ...targets,
                            [band]: { ...targets[band], [field]: numberFromInput(v) },
                          })
                        }
                        error={fieldError(`targets.${band}.${field}`)}
                        disabled={!editable}
                        w={120}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {editable && (
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} data-testid="inbox-settings-save">
                {t("inbox.settings.save")}
              </Button>
              {save.isSuccess && (
                <Text size="sm" role="status">
                  {t("inbox.settings.saved")}
                </Text>
              )}
            </Group>
          )}
          <ProblemAlert error={save.error} />
        </Stack>
      </form>
    </Paper>
  );
}
