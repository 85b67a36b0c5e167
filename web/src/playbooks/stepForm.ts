import type { PlaybookStep } from "../../../src/playbooks/playbooks.schema.ts";

/** A playbook step as the editor holds it: lists as one item per line, per language. */
export interface StepForm {
  titleDe: string;
  titleEn: string;
  role: PlaybookStep["role"];
  offsetMinutes: number;
  checklistDe: string;
  checklistEn: string;
  templatesDe: string;
  templatesEn: string;
  clock: PlaybookStep["clock"] | "";
  evidenceDe: string;
  evidenceEn: string;
  noticeLaw: string;
  noticeReasonsDe: string;
  noticeReasonsEn: string;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The editor's form of a step. */
export function toStepForm(step: PlaybookStep): StepForm {
  return {
    titleDe: step.title.de,
    titleEn: step.title.en,
    role: step.role,
    offsetMinutes: step.offsetMinutes,
    checklistDe: step.checklist.map((c) => c.de).join("\n"),
    checklistEn: step.checklist.map((c) => c.en).join("\n"),
    templatesDe: step.replyTemplates.map((c) => c.de).join("\n"),
    templatesEn: step.replyTemplates.map((c) => c.en).join("\n"),
    clock: step.clock ?? "",
    evidenceDe: step.evidence?.de ?? "",
    evidenceEn: step.evidence?.en ?? "",
    noticeLaw: step.notice?.law ?? "",
    noticeReasonsDe: step.notice?.reasons.de ?? "",
    noticeReasonsEn: step.notice?.reasons.en ?? "",
  };
}

/** Pairs the German and English lines item by item; a missing translation stays empty so the server names it. */
function pairs(de: string, en: string) {
  const a = lines(de);
  const b = lines(en);
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => ({ de: a[i] ?? "", en: b[i] ?? "" }));
}

/** The step the API takes from the editor's form. */
export function fromStepForm(form: StepForm): PlaybookStep {
  const evidence = form.evidenceDe.trim() || form.evidenceEn.trim();
  const notice = form.noticeLaw.trim();
  return {
    title: { de: form.titleDe.trim(), en: form.titleEn.trim() },
    role: form.role,
    offsetMinutes: Math.max(0, Math.round(form.offsetMinutes)),
    checklist: pairs(form.checklistDe, form.checklistEn),
    replyTemplates: pairs(form.templatesDe, form.templatesEn),
    ...(form.clock ? { clock: form.clock } : {}),
    ...(evidence ? { evidence: { de: form.evidenceDe.trim(), en: form.evidenceEn.trim() } } : {}),
    ...(notice
      ? {
          notice: {
            law: form.noticeLaw.trim(),
            reasons: { de: form.noticeReasonsDe.trim(), en: form.noticeReasonsEn.trim() },
          },
        }
      : {}),
  };
}
