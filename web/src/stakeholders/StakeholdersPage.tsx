import { PlannedPage } from "../app/PlannedPage.tsx";

/** The stakeholders module's page; until it is built it says what will come, without invented data. */
export function StakeholdersPage() {
  return <PlannedPage section="stakeholders" />;
}
