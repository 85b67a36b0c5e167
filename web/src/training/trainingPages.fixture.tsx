// Test support for trainingPages.test.ts: renders a training page to HTML with fixed API answers in the cache.
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import type { Session } from "../../../src/orgs/orgs.schema.ts";
import type {
  DebriefRead,
  ExerciseRead,
  FeedItem,
  ScenarioDetail,
} from "../../../src/training/training.schema.ts";
import { i18n } from "../app/i18n.ts";
import { theme } from "../app/theme.ts";
import { SessionContext } from "../auth/SessionContext.ts";
import { DebriefPage } from "./DebriefPage.tsx";
import { ExerciseConsolePage } from "./ExerciseConsolePage.tsx";
import { JoinPage } from "./JoinPage.tsx";
import { TrainingBanner } from "./TrainingBanner.tsx";
import { TrainingPage } from "./TrainingPage.tsx";
import * as keys from "./trainingKeys.ts";
import type { CurrentExerciseRead, JoinInfoRead, ProgressListRead } from "./trainingTypes.ts";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher.tsx";

/** A post text an attacker wrote; pages must show it as text. */
export const hostileText = '<img src=x onerror="alert(1)"> Ihr seid Betrüger!';

const title = { de: "Eine Beschwerde eskaliert", en: "A complaint escalates" };
const summary = {
  de: "Die Kundin Sabine Krause wurde doppelt abgebucht.",
  en: "Customer Sabine Krause was charged twice.",
};

const trainer: Session = {
  user: {
    id: "u-trainer",
    email: "petra.lange@stadtwerke-lindenau.example",
    name: "Petra Lange",
    locale: "de",
  },
  org: { id: "org-live", name: "Stadtwerke Lindenau", slug: "stadtwerke-lindenau", kind: "live" },
  role: "trainer",
  csrfToken: "csrf",
  workspaces: [
    {
      id: "org-live",
      name: "Stadtwerke Lindenau",
      slug: "stadtwerke-lindenau",
      kind: "live",
      role: "trainer",
    },
    { id: "org-nord", name: "Übung: Team Nord", slug: "uebung-team-nord", kind: "exercise", role: "trainee" },
  ],
};

/** A trainee working in the exercise workspace of Team Nord. */
export const trainee: Session = {
  ...trainer,
  user: { id: "u-jana", email: "jana.berger@stadtwerke-lindenau.example", name: "Jana Berger", locale: "de" },
  org: { id: "org-nord", name: "Übung: Team Nord", slug: "uebung-team-nord", kind: "exercise" },
  role: "trainee",
};

const clock = { scenarioMs: 125_000, speed: 2, now: "2026-12-02T10:05:00.000Z", durationMinutes: 20 };
const jana = {
  userId: "u-jana",
  name: "Jana Berger",
  teamId: "t-nord",
  role: "communications" as const,
  joinedAt: "2026-12-02T10:00:00.000Z",
};

/** The exercise as a trainer sees it, running. */
export const exercise: ExerciseRead = {
  id: "ex-1",
  scenarioId: "complaint-escalates",
  scenarioVersion: "1",
  title,
  summary,
  lang: "de",
  mode: "team",
  status: "running",
  clock,
  teams: [{ id: "t-nord", name: "Team Nord", workspaceId: "org-nord", members: [jana] }],
  joinCode: "Kf83hQ2mZx",
  createdBy: { id: "u-trainer", name: "Petra Lange" },
  createdAt: "2026-12-02T10:00:00.000Z",
  startedAt: "2026-12-02T10:01:00.000Z",
  endedAt: null,
  canRun: true,
};

const inject: FeedItem = {
  id: "f-1",
  at: "2026-12-02T10:02:00.000Z",
  scenarioMs: 61_000,
  teamId: "t-nord",
  kind: "inject",
  actor: null,
  title: { de: "Beitrag von @sabine_krause", en: "Post by @sabine_krause" },
  action: "inject",
  text: hostileText,
};
const reply: FeedItem = {
  ...inject,
  id: "f-2",
  scenarioMs: 300_000,
  kind: "action",
  actor: { userId: "u-jana", name: "Jana Berger" },
  title: { de: "Antwort gesendet", en: "Reply sent" },
  action: "draft.send",
  text: "Liebe Frau Krause, das tut uns leid – wir erstatten den Betrag heute.",
};

const scenario: ScenarioDetail = {
  id: "complaint-escalates",
  version: "1",
  title,
  summary,
  risks: ["escalating_complaint"],
  languages: ["de", "en"],
  level: "basic",
  durationMinutes: 20,
  roles: ["lead", "communications"],
  objectives: [{ de: "Schnell und freundlich antworten.", en: "Answer quickly and kindly." }],
  organisation: { name: "Stadtwerke Lindenau", handles: ["stadtwerke_lindenau"] },
  personas: [{ id: "sabine", handle: "sabine_krause", displayName: "Sabine Krause", group: "customer" }],
  injects: [
    { id: "complaint", atMinutes: 1, persona: "sabine", platform: "x", text: summary, expectReply: true },
  ],
  branches: [],
  rubric: {},
  debrief: [],
};

const debrief: DebriefRead = {
  exercise: { ...exercise, status: "ended", endedAt: "2026-12-02T10:20:00.000Z" },
  lessons: [{ de: "Früh antworten nimmt Druck heraus.", en: "Answering early takes the pressure off." }],
  teams: [
    {
      team: { id: "t-nord", name: "Team Nord" },
      injects: [inject],
      actions: [reply],
      score: {
        score: 72.4,
        passed: true,
        criteria: [
          {
            key: "response",
            weight: 2,
            score: 0.8,
            detail: { de: "Antwort nach 4 Minuten.", en: "Answered after 4 minutes." },
          },
        ],
        wentWell: [{ de: "Freundlicher Ton.", en: "Kind tone." }],
        toImprove: [],
      },
      participants: [{ userId: "u-jana", name: "Jana Berger", role: "communications", actions: 3 }],
    },
  ],
};

const joinInfo: JoinInfoRead = {
  exerciseId: "ex-1",
  title,
  summary,
  lang: "de",
  mode: "team",
  status: "lobby",
  roles: ["lead", "communications"],
  teams: [{ id: "t-nord", name: "Team Nord", members: [jana] }],
  joined: null,
};

const current: CurrentExerciseRead = {
  exerciseId: "ex-1",
  title,
  summary,
  objectives: scenario.objectives,
  status: "ended",
  clock,
  team: { id: "t-nord", name: "Team Nord" },
  role: "communications",
  liveWorkspaceId: "org-live",
};

const progress: ProgressListRead = {
  items: [
    {
      userId: "u-jana",
      name: "Jana Berger",
      exercises: [
        {
          exerciseId: "ex-0",
          scenarioId: "complaint-escalates",
          title,
          endedAt: "2026-11-30T09:00:00.000Z",
          teamName: "Team Nord",
          role: "communications",
          score: 72,
          passed: true,
        },
      ],
    },
  ],
};

function cache(overrides: { exercise?: ExerciseRead }): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const ex = overrides.exercise ?? exercise;
  client.setQueryData(keys.scenariosKey, { items: [scenario] });
  client.setQueryData(keys.scenarioKey(scenario.id), scenario);
  client.setQueryData(keys.exercisesKey, { items: [ex] });
  client.setQueryData(keys.exerciseKey(ex.id), ex);
  client.setQueryData(keys.feedKey(ex.id), { items: [reply, inject], cursor: "c2" });
  client.setQueryData(keys.debriefKey(ex.id), debrief);
  client.setQueryData(keys.joinInfoKey("Kf83hQ2mZx"), joinInfo);
  client.setQueryData(keys.currentExerciseKey, current);
  client.setQueryData(keys.progressKey, progress);
  return client;
}

const pages: Record<string, () => ReactNode> = {
  "/training": () => <TrainingPage />,
  "/training/exercises/ex-1": () => <ExerciseConsolePage />,
  "/training/exercises/ex-1/debrief": () => <DebriefPage />,
  "/training/join/Kf83hQ2mZx": () => <JoinPage />,
  "/banner": () => (
    <>
      <TrainingBanner />
      <WorkspaceSwitcher />
    </>
  ),
};

/** The pages the fixture can render. */
export type FixturePath = keyof typeof pages;

/** Renders one page in the given language to HTML, as `session` (the trainer by default). */
export async function renderTrainingPage(
  path: FixturePath,
  lang: "de" | "en",
  options: { session?: Session; exercise?: ExerciseRead } = {},
): Promise<string> {
  await i18n.changeLanguage(lang);
  const element = pages[path]?.();
  return renderToString(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={cache(options)}>
        <SessionContext value={options.session ?? trainer}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/training" element={element} />
              <Route path="/training/exercises/:id" element={element} />
              <Route path="/training/exercises/:id/debrief" element={element} />
              <Route path="/training/join/:code" element={element} />
              <Route path="/banner" element={element} />
            </Routes>
          </MemoryRouter>
        </SessionContext>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

/** The visible text of rendered HTML, tags and styles removed, entities of quotes and angle brackets decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
