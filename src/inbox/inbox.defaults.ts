// The saved replies a new organisation starts with: answer quickly, factual, friendly, never defensive;
// take what is personal out of public view; say what happens next and who answers.
import type { SavedReplyCreate } from "./inbox.schema.ts";

/** Written the first time an organisation lists its saved replies; a team edits or deletes them freely. */
export const defaultSavedReplies: SavedReplyCreate[] = [
  {
    title: "Beschwerde: Eingang bestätigen",
    lang: "de",
    text: "Hallo {name}, danke, dass Sie uns Bescheid geben – und entschuldigen Sie den Ärger. Wir schauen uns das jetzt an und melden uns spätestens heute bei Ihnen. Ihre Vorgangsnummer ist {ticket}. Viele Grüße, {agent} von {org}",
  },
  {
    title: "In eine Direktnachricht wechseln",
    lang: "de",
    text: "Hallo {name}, damit wir uns Ihren Fall genau ansehen können, schreiben Sie uns bitte eine Direktnachricht mit Ihrer Kundennummer (bitte keine Passwörter oder Kontodaten). Vorgangsnummer: {ticket}. Danke! {agent} von {org}",
  },
  {
    title: "Frage beantworten",
    lang: "de",
    text: "Hallo {name}, gute Frage! Kurz gesagt: … Ausführlich steht es hier: … Wenn noch etwas offen ist, fragen Sie gern nach. Viele Grüße, {agent} von {org}",
  },
  {
    title: "Deeskalieren: Verständnis und nächster Schritt",
    lang: "de",
    text: "Hallo {name}, wir verstehen, dass das gerade sehr ärgerlich ist. Wir möchten das mit Ihnen lösen: Was genau ist passiert und seit wann? Wir bleiben dran und melden uns mit einem konkreten nächsten Schritt. {agent} von {org} ({ticket})",
  },
  {
    title: "Complaint: acknowledge",
    lang: "en",
    text: "Hi {name}, thanks for letting us know, and sorry for the trouble. We're looking into it now and will get back to you today at the latest. Your reference is {ticket}. Best, {agent} at {org}",
  },
  {
    title: "Move to a direct message",
    lang: "en",
    text: "Hi {name}, so we can look at your case properly, please send us a direct message with your customer number (never a password or bank details). Reference: {ticket}. Thank you! {agent} at {org}",
  },
  {
    title: "Answer a question",
    lang: "en",
    text: "Hi {name}, good question! In short: … There are more details here: … If anything is still unclear, just ask. Best, {agent} at {org}",
  },
  {
    title: "De-escalate: understanding and next step",
    lang: "en",
    text: "Hi {name}, we understand this is really frustrating right now. We want to sort it out with you: what exactly happened, and since when? We're on it and will come back with a concrete next step. {agent} at {org} ({ticket})",
  },
];
