import type { Session } from "../../../src/orgs/orgs.schema.ts";

/** A workspace (organisation) of the signed-in person, as the session lists it. */
export type Workspace = Session["workspaces"][number];

/** The workspaces for the switcher: real (live) workspaces first, then exercise sandboxes, each by name. */
export function sortWorkspaces(workspaces: Workspace[]): Workspace[] {
  return [...workspaces].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === "live" ? -1 : 1;
    return a.name.localeCompare(b.name);
  });
}

/** Whether the session works in an exercise sandbox (the training banner shows then). */
export function isExerciseWorkspace(session: Session): boolean {
  return session.org.kind === "exercise";
}
