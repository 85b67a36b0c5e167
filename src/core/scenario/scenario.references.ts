import type { Scenario } from "./scenario.schema.ts";
import { placeholdersOf } from "./scenario.template.ts";

/** A problem the schema cannot see: a dangling id, a missing variable, a time outside the script. */
export interface ScenarioReferenceIssue {
  /** Path of the offending field in the scenario file. */
  path: (string | number)[];
  /** What is wrong, for the author of the file. */
  message: string;
}

/** Checks that every id a scenario refers to exists and every time lies inside the script. */
export function checkScenarioReferences(scenario: Scenario): ScenarioReferenceIssue[] {
  const issues: ScenarioReferenceIssue[] = [];
  const scriptEndMs = scenario.durationMinutes * 60_000;
  const personaIds = new Set<string>();
  const crowdIds = new Set<string>();
  const injectAt = new Map<string, number>();
  const sourceIds = new Set<string>();

  scenario.personas.forEach((persona, index) => {
    if (personaIds.has(persona.id)) {
      issues.push({ path: ["personas", index, "id"], message: `persona id "${persona.id}" is used twice` });
    }
    personaIds.add(persona.id);
  });

  scenario.crowds.forEach((crowd, index) => {
    if (crowdIds.has(crowd.id)) {
      issues.push({ path: ["crowds", index, "id"], message: `crowd id "${crowd.id}" is used twice` });
    }
    crowdIds.add(crowd.id);
    // Without the member number two members could share a handle and merge into one author downstream.
    if (!placeholdersOf(crowd.handle).includes("n")) {
      issues.push({ path: ["crowds", index, "handle"], message: "the handle pattern needs {n}" });
    }
    for (const field of ["handle", "displayName"] as const) {
      for (const name of placeholdersOf(crowd[field])) {
        if (name !== "n" && !(name in scenario.variables)) {
          issues.push({ path: ["crowds", index, field], message: `{${name}} is not in variables` });
        }
      }
    }
    if (!Object.values(crowd.lang).some((weight) => weight > 0)) {
      issues.push({
        path: ["crowds", index, "lang"],
        message: "give at least one language a weight above 0",
      });
    }
  });

  const claimSourceId = (id: string, path: (string | number)[]) => {
    if (sourceIds.has(id))
      issues.push({ path, message: `id "${id}" is already used by an inject or stream` });
    sourceIds.add(id);
  };

  scenario.injects.forEach((inject, index) => {
    claimSourceId(inject.id, ["injects", index, "id"]);
    if (!personaIds.has(inject.persona)) {
      issues.push({
        path: ["injects", index, "persona"],
        message: `no persona has the id "${inject.persona}"`,
      });
    }
    if (inject.at >= scriptEndMs) {
      issues.push({ path: ["injects", index, "at"], message: "lies at or after the end of the script" });
    }
    if (inject.replyTo !== undefined) {
      const repliedAt = injectAt.get(inject.replyTo);
      if (repliedAt === undefined) {
        issues.push({
          path: ["injects", index, "replyTo"],
          message: `no earlier inject has the id "${inject.replyTo}"`,
        });
      } else if (repliedAt > inject.at) {
        issues.push({ path: ["injects", index, "replyTo"], message: "replies to a post that comes later" });
      }
    }
    injectAt.set(inject.id, inject.at);
  });

  scenario.streams.forEach((stream, index) => {
    const at = (field: string) => ["streams", index, field];
    claimSourceId(stream.id, at("id"));
    const untilMs = stream.until ?? scriptEndMs;
    if (untilMs > scriptEndMs)
      issues.push({ path: at("until"), message: "lies after the end of the script" });
    if (stream.from >= untilMs) issues.push({ path: at("from"), message: "must be before the stream's end" });
    stream.personas.forEach((id, i) => {
      if (!personaIds.has(id)) {
        issues.push({ path: ["streams", index, "personas", i], message: `no persona has the id "${id}"` });
      }
    });
    stream.crowds.forEach((id, i) => {
      if (!crowdIds.has(id)) {
        issues.push({ path: ["streams", index, "crowds", i], message: `no crowd has the id "${id}"` });
      }
    });
    if (stream.personas.length + stream.crowds.length === 0) {
      issues.push({ path: at("personas"), message: "name at least one persona or crowd to write the posts" });
    }
    if (Object.keys(stream.platforms).length === 0) {
      issues.push({ path: at("platforms"), message: "give at least one platform a weight" });
    }
    if (stream.templates.de.length + stream.templates.en.length === 0) {
      issues.push({ path: at("templates"), message: "write at least one template" });
    }
    for (const lang of ["de", "en"] as const) {
      stream.templates[lang].forEach((template, i) => {
        for (const name of placeholdersOf(template)) {
          if (!(name in stream.variables) && !(name in scenario.variables)) {
            issues.push({
              path: ["streams", index, "templates", lang, i],
              message: `{${name}} is not in variables`,
            });
          }
        }
      });
    }
    stream.replies?.to.forEach((id, i) => {
      if (!injectAt.has(id)) {
        issues.push({
          path: ["streams", index, "replies", "to", i],
          message: `no inject has the id "${id}"`,
        });
      }
    });
  });

  return issues;
}
