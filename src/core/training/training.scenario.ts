// From a bilingual training scenario to the player's scenario in one language, with the branch posts that
// have fired so far placed at their times; and the cross-reference checks the schema cannot do.
import { loadYamlChecked, type ScenarioFileError } from "../scenario/scenario.load.ts";
import { checkScenarioReferences, type ScenarioReferenceIssue } from "../scenario/scenario.references.ts";
import type { Inject, Scenario, ScenarioLang, ScenarioPlatform } from "../scenario/scenario.schema.ts";
import { type BranchInject, TrainingScenario, type TrainingText } from "./training.schema.ts";

/** A post added while the exercise runs: a fired branch's post or one the trainer sent by hand. */
export interface AddedInject {
  /** Unique among the scenario's injects and streams (`<branch>.<inject>` or `manual-<n>`). */
  id: string;
  /** Scenario time it is due at, in ms. */
  atMs: number;
  /** Persona id of the scenario. */
  persona: string;
  platform: ScenarioPlatform;
  /** Text in the exercise's language (a trainer's hand-written inject) or both. */
  text: string | TrainingText;
  /** Id of an inject (scripted or added) it answers. */
  replyTo?: string | undefined;
  /** The branch that added it; absent for a trainer's hand-sent inject. */
  branch?: string | undefined;
}

/** The injects a fired branch adds, timed from the scenario time it fired at. */
export function branchInjects(branchId: string, injects: BranchInject[], firedMs: number): AddedInject[] {
  return injects.map((inject) => ({
    id: inject.id,
    atMs: firedMs + inject.after,
    persona: inject.persona,
    platform: inject.platform,
    text: inject.text,
    ...(inject.replyTo ? { replyTo: inject.replyTo } : {}),
    // Branch ids are kept in the debrief; the inject id alone is unique in the file (checked on load).
    branch: branchId,
  }));
}

/**
 * The player's scenario for one exercise language: personas and crowds speak that language, injects carry
 * its text, the script stops at its end, and posts added while the exercise runs are injects at their times.
 */
export function playerScenario(
  training: TrainingScenario,
  lang: ScenarioLang,
  added: AddedInject[] = [],
): Scenario {
  const textOf = (text: string | TrainingText) => (typeof text === "string" ? text : text[lang]);
  const scripted: Inject[] = training.injects.map((inject) => ({
    id: inject.id,
    at: inject.at,
    persona: inject.persona,
    platform: inject.platform,
    lang,
    text: textOf(inject.text),
    ...(inject.replyTo ? { replyTo: inject.replyTo } : {}),
    ...(inject.metrics ? { metrics: inject.metrics } : {}),
  }));
  const extra: Inject[] = added.map((inject) => ({
    id: inject.id,
    at: Math.max(0, Math.round(inject.atMs)),
    persona: inject.persona,
    platform: inject.platform,
    lang,
    text: textOf(inject.text),
    ...(inject.replyTo ? { replyTo: inject.replyTo } : {}),
  }));
  return {
    id: training.id,
    version: training.version,
    title: { de: training.title.de, en: training.title.en },
    summary: { de: training.summary.de, en: training.summary.en },
    organisation: {
      name: training.organisation.name,
      handles: training.organisation.handles,
      domains: training.organisation.domains,
      hashtags: training.organisation.hashtags,
    },
    seed: training.seed,
    durationMinutes: training.durationMinutes,
    afterScript: "stop",
    variables: training.variables,
    personas: training.personas.map((persona) => ({ ...persona, lang })),
    crowds: training.crowds.map((crowd) => ({ ...crowd, lang: { [lang]: 1 } })),
    injects: [...scripted, ...extra].sort((a, b) => a.at - b.at),
    streams: training.streams,
  };
}

/** Every inject a scenario can post: scripted ones and those of every branch. */
export function allInjectIds(training: TrainingScenario): Set<string> {
  return new Set([
    ...training.injects.map((i) => i.id),
    ...training.branches.flatMap((b) => b.injects.map((i) => i.id)),
  ]);
}

/** Cross-references of a training scenario: the player's checks plus branches, rubric and roles. */
export function checkTrainingScenario(training: TrainingScenario): ScenarioReferenceIssue[] {
  // The player's checks run on the German and the English play with every branch fired at its earliest.
  const issues: ScenarioReferenceIssue[] = [];
  const base = playerScenario(training, "de");
  for (const issue of checkScenarioReferences(base)) {
    // Paths into `injects` match the file: scripted injects come first and keep their order (sorted by time,
    // so map back by id).
    if (issue.path[0] === "injects" && typeof issue.path[1] === "number") {
      const id = base.injects[issue.path[1]]?.id;
      const index = training.injects.findIndex((i) => i.id === id);
      issues.push({ path: ["injects", index, ...issue.path.slice(2)], message: issue.message });
    } else {
      issues.push(issue);
    }
  }

  const personaIds = new Set(training.personas.map((p) => p.id));
  const taken = new Set([...training.injects.map((i) => i.id), ...training.streams.map((s) => s.id)]);
  const injectIds = allInjectIds(training);
  const scriptedIds = new Set(training.injects.map((i) => i.id));
  const branchIds = new Set<string>();
  const scriptEndMs = training.durationMinutes * 60_000;

  training.branches.forEach((branch, b) => {
    if (branchIds.has(branch.id)) {
      issues.push({ path: ["branches", b, "id"], message: `branch id "${branch.id}" is used twice` });
    }
    branchIds.add(branch.id);
    const when = branch.when;
    const ref = "to" in when ? when.to : "of" in when ? when.of : undefined;
    if (ref !== undefined && !scriptedIds.has(ref)) {
      issues.push({
        path: ["branches", b, "when", "to" in when ? "to" : "of"],
        message: `no scripted inject has the id "${ref}"`,
      });
    }
    // A deadline at or after the end of the exercise can never pass: the branch could never fire.
    const fromMs = ref !== undefined ? (training.injects.find((i) => i.id === ref)?.at ?? 0) : 0;
    if ("within" in when && fromMs + when.within >= scriptEndMs) {
      issues.push({
        path: ["branches", b, "when", "within"],
        message:
          ref !== undefined
            ? `ends at or after the end of the exercise (the inject is posted at ${fromMs / 1000}s): it could never fire`
            : "is as long as the exercise or longer: it could never fire",
      });
    }
    const ownIds = new Set<string>();
    branch.injects.forEach((inject, i) => {
      const at = (field: string) => ["branches", b, "injects", i, field];
      if (taken.has(inject.id)) {
        issues.push({ path: at("id"), message: `id "${inject.id}" is already used by an inject or stream` });
      }
      taken.add(inject.id);
      if (!personaIds.has(inject.persona)) {
        issues.push({ path: at("persona"), message: `no persona has the id "${inject.persona}"` });
      }
      if (inject.replyTo !== undefined && !scriptedIds.has(inject.replyTo) && !ownIds.has(inject.replyTo)) {
        issues.push({
          path: at("replyTo"),
          message: `no scripted inject or earlier inject of this branch has the id "${inject.replyTo}"`,
        });
      }
      ownIds.add(inject.id);
    });
    branch.deletes.forEach((id, i) => {
      if (!injectIds.has(id)) {
        issues.push({ path: ["branches", b, "deletes", i], message: `no inject has the id "${id}"` });
      }
    });
    if (branch.injects.length === 0 && branch.deletes.length === 0) {
      issues.push({ path: ["branches", b, "injects"], message: "a branch needs injects, deletes or both" });
    }
  });

  training.rubric.evidence.forEach((id, i) => {
    if (!injectIds.has(id)) {
      issues.push({ path: ["rubric", "evidence", i], message: `no inject has the id "${id}"` });
    }
  });
  if (new Set(training.roles).size !== training.roles.length) {
    issues.push({ path: ["roles"], message: "a role is listed twice" });
  }
  return issues;
}

/** A training scenario ready to play, or every problem of its file (file, line, column, field). */
export type TrainingLoadResult =
  | { ok: true; scenario: TrainingScenario }
  | { ok: false; errors: ScenarioFileError[] };

/** Parses and checks a training scenario file. */
export function loadTrainingScenario(text: string, fileName: string): TrainingLoadResult {
  const loaded = loadYamlChecked(text, fileName, TrainingScenario, checkTrainingScenario);
  return loaded.ok ? { ok: true, scenario: loaded.value } : loaded;
}
