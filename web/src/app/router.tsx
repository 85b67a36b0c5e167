import { lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router-dom";
import { LoginPage } from "../auth/LoginPage.tsx";
import { RequireAuth } from "../auth/RequireAuth.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { Shell } from "./Shell.tsx";

// Each page is its own chunk, so ECharts loads only with the Overview and the first paint stays small.
const OverviewPage = lazy(() =>
  import("../overview/OverviewPage.tsx").then((m) => ({ default: m.OverviewPage })),
);
const ReportPage = lazy(() => import("../reports/ReportPage.tsx").then((m) => ({ default: m.ReportPage })));
const MentionsPage = lazy(() =>
  import("../mentions/MentionsPage.tsx").then((m) => ({ default: m.MentionsPage })),
);
const AlertsPage = lazy(() => import("../alerts/AlertsPage.tsx").then((m) => ({ default: m.AlertsPage })));
const IncidentsPage = lazy(() =>
  import("../incidents/IncidentsPage.tsx").then((m) => ({ default: m.IncidentsPage })),
);
const InboxPage = lazy(() => import("../inbox/InboxPage.tsx").then((m) => ({ default: m.InboxPage })));
const IncidentPage = lazy(() =>
  import("../incidents/IncidentPage.tsx").then((m) => ({ default: m.IncidentPage })),
);
const PlaybooksPage = lazy(() =>
  import("../playbooks/PlaybooksPage.tsx").then((m) => ({ default: m.PlaybooksPage })),
);
const PublishingPage = lazy(() =>
  import("../publishing/PublishingPage.tsx").then((m) => ({ default: m.PublishingPage })),
);
const EvidencePage = lazy(() =>
  import("../evidence/EvidencePage.tsx").then((m) => ({ default: m.EvidencePage })),
);
const StakeholdersPage = lazy(() =>
  import("../stakeholders/StakeholdersPage.tsx").then((m) => ({ default: m.StakeholdersPage })),
);
const AccountsPage = lazy(() =>
  import("../accounts/AccountsPage.tsx").then((m) => ({ default: m.AccountsPage })),
);
const TrainingPage = lazy(() =>
  import("../training/TrainingPage.tsx").then((m) => ({ default: m.TrainingPage })),
);
const ExerciseConsolePage = lazy(() =>
  import("../training/ExerciseConsolePage.tsx").then((m) => ({ default: m.ExerciseConsolePage })),
);
const DebriefPage = lazy(() =>
  import("../training/DebriefPage.tsx").then((m) => ({ default: m.DebriefPage })),
);
const JoinPage = lazy(() => import("../training/JoinPage.tsx").then((m) => ({ default: m.JoinPage })));
const SettingsPage = lazy(() =>
  import("../settings/SettingsPage.tsx").then((m) => ({ default: m.SettingsPage })),
);

/** All routes: /login is public, everything else needs a session and renders inside the Shell. */
export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/overview" replace /> },
      { path: "overview", element: <OverviewPage /> },
      { path: "reports", element: <ReportPage /> },
      { path: "mentions", element: <MentionsPage /> },
      { path: "inbox", element: <InboxPage /> },
      { path: "inbox/:id", element: <InboxPage /> },
      { path: "alerts", element: <AlertsPage /> },
      { path: "incidents", element: <IncidentsPage /> },
      { path: "incidents/:id", element: <IncidentPage /> },
      { path: "playbooks", element: <PlaybooksPage /> },
      { path: "publishing", element: <PublishingPage /> },
      { path: "evidence", element: <EvidencePage /> },
      { path: "stakeholders", element: <StakeholdersPage /> },
      { path: "accounts", element: <AccountsPage /> },
      { path: "training", element: <TrainingPage /> },
      { path: "training/exercises/:id", element: <ExerciseConsolePage /> },
      { path: "training/exercises/:id/debrief", element: <DebriefPage /> },
      { path: "training/join/:code", element: <JoinPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
