import { describe, expect, it } from "vitest";
import type { Session } from "../../../src/orgs/orgs.schema.ts";
import { isExerciseWorkspace, sortWorkspaces, type Workspace } from "./workspaces.ts";

const live: Workspace = {
  id: "o1",
  name: "Nordwind Mobil",
  slug: "nordwind-mobil",
  kind: "live",
  role: "agent",
};
const teamNord: Workspace = {
  id: "o2",
  name: "Übung: Team Nord",
  slug: "uebung-team-nord",
  kind: "exercise",
  role: "trainee",
};
const teamAlpha: Workspace = { ...teamNord, id: "o3", name: "Exercise: Alpha", slug: "exercise-alpha" };

function session(org: Workspace): Session {
  return {
    user: { id: "u1", email: "jana.berger@nordwind-mobil.de", name: "Jana Berger", locale: "de" },
    org: { id: org.id, name: org.name, slug: org.slug, kind: org.kind },
    role: org.role,
    csrfToken: "csrf",
    workspaces: [live, teamNord],
  };
}

describe("sortWorkspaces", () => {
  it("puts the real workspace first and the exercises after it by name", () => {
    expect(sortWorkspaces([teamNord, live, teamAlpha]).map((w) => w.id)).toEqual(["o1", "o3", "o2"]);
  });

  it("does not change the list it was given", () => {
    const list = [teamNord, live];
    sortWorkspaces(list);
    expect(list.map((w) => w.id)).toEqual(["o2", "o1"]);
  });
});

describe("isExerciseWorkspace", () => {
  it("is true in an exercise sandbox and false in the real workspace", () => {
    expect(isExerciseWorkspace(session(teamNord))).toBe(true);
    expect(isExerciseWorkspace(session(live))).toBe(false);
  });
});
