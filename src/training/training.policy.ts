import type { RoleHolder } from "../orgs/orgs.policy.ts";

/** Creating, running (start, pause, speed, injects, end) and deleting exercises: trainers, managers, admins. */
export const canRunTraining = (actor: RoleHolder) =>
  actor.role === "admin" || actor.role === "manager" || actor.role === "trainer";
