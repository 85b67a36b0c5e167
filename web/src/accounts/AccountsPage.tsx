import { PlannedPage } from "../app/PlannedPage.tsx";

/** The accounts module's page; until it is built it says what will come, without invented data. */
export function AccountsPage() {
  return <PlannedPage section="accounts" />;
}
