import { PlannedPage } from "../app/PlannedPage.tsx";

/** The training module's page; until it is built it says what will come, without invented data. */
export function TrainingPage() {
  return <PlannedPage section="training" />;
}
