// Internal status updates (Lagemeldungen) written from a template; copying them into an e-mail is the reader's step.

/** The variables a status-update template may use. */
export const templateVariables = ["incident", "severity", "status", "lead", "next_update"] as const;
export type TemplateVariable = (typeof templateVariables)[number];

/** Fills `{variable}` placeholders; unknown placeholders stay as written so a typo shows. */
export function fillTemplate(template: string, values: Record<TemplateVariable, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) =>
    (templateVariables as readonly string[]).includes(name) ? values[name as TemplateVariable] : whole,
  );
}

/** The built-in templates, in German and English. */
export const statusTemplates: Record<
  string,
  { label: { de: string; en: string }; text: { de: string; en: string } }
> = {
  situation: {
    label: { de: "Lagebild", en: "Situation report" },
    text: {
      de: "Lagebild zu „{incident}“: Schweregrad {severity}, Status {status}. Verantwortlich: {lead}. Nächstes Update: {next_update}.",
      en: "Situation report on “{incident}”: severity {severity}, status {status}. Incident lead: {lead}. Next update: {next_update}.",
    },
  },
  stable: {
    label: { de: "Lage stabil", en: "Situation stable" },
    text: {
      de: "„{incident}“ ist stabil ({severity}). Wir beobachten weiter; {lead} bleibt verantwortlich. Nächstes Update: {next_update}.",
      en: "“{incident}” is stable ({severity}). We keep watching; {lead} stays in charge. Next update: {next_update}.",
    },
  },
  closed: {
    label: { de: "Abschluss", en: "Closing note" },
    text: {
      de: "„{incident}“ ist abgeschlossen (Status {status}). Die Nachbetrachtung folgt; Fragen an {lead}.",
      en: "“{incident}” is closed (status {status}). The post-incident review follows; questions to {lead}.",
    },
  },
};
