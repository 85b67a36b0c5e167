// The certificate of participation (Teilnahmebescheinigung) a trainee downloads after an exercise: one A4
// landscape page in the exercise's language. Every text comes from the input and is drawn as text with the
// PDF standard fonts; the certificate id lets anyone check a copy against the exercise's records.
import { createHash } from "node:crypto";
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { toWinAnsi } from "../core/evidence/winansi.ts";
import { criterionLabels, type ScoreResult } from "../core/training/training.score.ts";

/** What a certificate shows. */
export interface CertificateInput {
  lang: "de" | "en";
  person: { name: string; email: string };
  /** The real organisation's name. */
  organisation: string;
  exercise: {
    id: string;
    title: string;
    scenarioId: string;
    scenarioVersion: string;
    startedAt: Date;
    endedAt: Date;
    trainer: string;
  };
  /** The team and the incident role the person held (a role key such as `communications`). */
  team: { name: string; role: string };
  result: ScoreResult;
  /** How many actions the person took. */
  actions: number;
}

const pageSize: [number, number] = [841.89, 595.28]; // A4 landscape in points
const margin = 56;
const producer = "Brandwache";

// The incident roles' names (as the incidents module words them); an unknown key is shown as it is.
const roleWords: Record<string, { de: string; en: string }> = {
  lead: { de: "Leitung", en: "Incident lead" },
  communications: { de: "Kommunikation", en: "Communications" },
  legal: { de: "Recht", en: "Legal" },
  it_security: { de: "IT-Sicherheit", en: "IT security" },
  management: { de: "Geschäftsführung", en: "Management" },
};

const words = {
  de: {
    title: "Teilnahmebescheinigung",
    confirms: "Hiermit wird bestätigt, dass",
    of: "von",
    tookPart: "an der Krisenkommunikations-Übung teilgenommen hat:",
    when: "Datum",
    team: "Team",
    role: "Rolle",
    actions: "Aktionen",
    score: "Ergebnis",
    passed: "bestanden",
    failed: "nicht bestanden",
    criteria: "Bewertung",
    weight: "Gewicht",
    trainer: "Trainer/in",
    scenario: "Szenario",
    id: "Bescheinigungs-ID",
    verify:
      "Die ID ist der Anfang des SHA-256 über die Angaben dieser Bescheinigung; sie lässt sich bei der Organisation prüfen.",
  },
  en: {
    title: "Certificate of participation",
    confirms: "This is to certify that",
    of: "of",
    tookPart: "took part in the crisis communication exercise:",
    when: "Date",
    team: "Team",
    role: "Role",
    actions: "Actions",
    score: "Score",
    passed: "passed",
    failed: "not passed",
    criteria: "Assessment",
    weight: "weight",
    trainer: "Trainer",
    scenario: "Scenario",
    id: "Certificate ID",
    verify:
      "The ID is the start of the SHA-256 over this certificate's details; the organisation can check it.",
  },
} as const;

/** JSON with object keys sorted at every level and dates as ISO strings: the same input, the same text. */
function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The certificate's id: the first 16 hex digits of the SHA-256 over the canonical JSON of its input. */
export function certificateId(input: CertificateInput): string {
  return createHash("sha256").update(canonicalJson(input)).digest("hex").slice(0, 16);
}

/** "2. Dezember 2026, 16:10–16:40 MEZ" / "2 December 2026, 16:10–16:40 CET" (German legal time). */
function formatPeriod(start: Date, end: Date, lang: "de" | "en"): string {
  const locale = lang === "de" ? "de-DE" : "en-GB";
  const zone = "Europe/Berlin";
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const zoneName =
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
      .formatToParts(end)
      .find((p) => p.type === "timeZoneName")?.value ?? zone;
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)} ${zoneName}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)} ${zoneName}`;
}

/** Splits text into lines of at most `maxWidth` at words; what does not fit in `maxLines` joins the last. */
function wrapWords(text: string, font: PDFFont, size: number, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line === "" || font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), lines.slice(maxLines - 1).join(" ")];
}

interface LineStyle {
  x?: number;
  y: number;
  size: number;
  /** Smallest size a line too long for `maxWidth` shrinks to before it is cut; 8 unless given. */
  minSize?: number;
  bold?: boolean;
  center?: boolean;
  maxWidth?: number;
  grey?: boolean;
}

/** Draws WinAnsi-safe text: one line shrunk (down to `minSize`) and then cut to fit, or wrapped lines. */
class Painter {
  constructor(
    private readonly page: PDFPage,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {}

  line(raw: string, at: LineStyle): void {
    const font = at.bold ? this.bold : this.regular;
    const maxWidth = at.maxWidth ?? pageSize[0] - 2 * margin;
    let text = toWinAnsi(raw).text;
    let size = at.size;
    const minSize = at.minSize ?? Math.min(at.size, 8);
    while (size > minSize && font.widthOfTextAtSize(text, size) > maxWidth) size -= 0.5;
    if (font.widthOfTextAtSize(text, size) > maxWidth) {
      while (text.length > 1 && font.widthOfTextAtSize(`${text}…`, size) > maxWidth) text = text.slice(0, -1);
      text = `${text}…`;
    }
    const width = font.widthOfTextAtSize(text, size);
    const x = at.center ? (pageSize[0] - width) / 2 : (at.x ?? margin);
    const shade = at.grey ? 0.35 : 0;
    this.page.drawText(text, { x, y: at.y, size, font, color: rgb(shade, shade, shade) });
  }

  /** Up to `maxLines` lines `gap` points apart, wrapped at words; the last one is cut if need be. */
  lines(raw: string, at: LineStyle & { maxWidth: number; maxLines: number; gap: number }): void {
    const font = at.bold ? this.bold : this.regular;
    wrapWords(toWinAnsi(raw).text, font, at.size, at.maxWidth, at.maxLines).forEach((text, i) => {
      this.line(text, { ...at, y: at.y - i * at.gap, minSize: at.size });
    });
  }
}

const percent = (score: number) => `${Math.round(score * 100)} %`;

/** Renders the one-page certificate of participation as a PDF. */
export async function renderCertificate(input: CertificateInput): Promise<Uint8Array> {
  const w = words[input.lang];
  const id = certificateId(input);
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  // Metadata is UTF-16 in the PDF, so it keeps names as written; only the drawn text needs WinAnsi.
  doc.setTitle(`${w.title}: ${input.person.name}`);
  doc.setSubject(input.exercise.title);
  doc.setAuthor(input.exercise.trainer);
  doc.setKeywords([id, input.exercise.scenarioId]);
  doc.setProducer(producer);
  doc.setCreator(producer);
  // Fixed dates: the same certificate gives the same bytes.
  doc.setCreationDate(input.exercise.endedAt);
  doc.setModificationDate(input.exercise.endedAt);

  const page = doc.addPage(pageSize);
  const p = new Painter(page, regular, bold);
  const top = pageSize[1] - margin;
  page.drawRectangle({
    x: margin / 2,
    y: margin / 2,
    width: pageSize[0] - margin,
    height: pageSize[1] - margin,
    borderColor: rgb(0.2, 0.3, 0.5),
    borderWidth: 2,
  });

  p.line(w.title, { y: top - 20, size: 28, bold: true, center: true });
  p.line(w.confirms, { y: top - 60, size: 12, center: true });
  p.line(input.person.name, { y: top - 92, size: 24, bold: true, center: true });
  p.line(`${w.of} ${input.organisation}`, { y: top - 116, size: 12, center: true });
  p.line(w.tookPart, { y: top - 140, size: 12, center: true });
  p.line(input.exercise.title, { y: top - 166, size: 16, bold: true, center: true });

  const role = roleWords[input.team.role]?.[input.lang] ?? input.team.role;
  const facts = [
    `${w.when}: ${formatPeriod(input.exercise.startedAt, input.exercise.endedAt, input.lang)}`,
    `${w.team}: ${input.team.name} · ${w.role}: ${role} · ${w.actions}: ${input.actions}`,
  ];
  facts.forEach((fact, i) => {
    p.line(fact, { y: top - 196 - i * 18, size: 11, center: true });
  });

  const score = input.result.score.toFixed(1);
  const verdict = input.result.passed ? w.passed : w.failed;
  const scoreText = input.lang === "de" ? score.replace(".", ",") : score;
  p.line(`${w.score}: ${scoreText} / 100 · ${verdict}`, { y: top - 250, size: 16, bold: true, center: true });

  // The criteria, in two columns under the score.
  const columnWidth = (pageSize[0] - 2 * margin - 40) / 2;
  p.line(w.criteria, { y: top - 282, size: 11, bold: true });
  input.result.criteria.forEach((c, i) => {
    const column = i % 2;
    const row = Math.floor(i / 2);
    const x = margin + column * (columnWidth + 40);
    const y = top - 302 - row * 40;
    const label = criterionLabels[c.key][input.lang];
    p.line(`${label}: ${percent(c.score)} (${w.weight} ${c.weight})`, {
      x,
      y,
      size: 10,
      bold: true,
      maxWidth: columnWidth,
    });
    p.lines(c.detail[input.lang], {
      x,
      y: y - 12,
      size: 8.5,
      maxWidth: columnWidth,
      maxLines: 2,
      gap: 10,
      grey: true,
    });
  });

  const bottom = margin + 10;
  p.line(`${w.trainer}: ${input.exercise.trainer}`, { y: bottom + 36, size: 11 });
  p.line(
    `${w.scenario}: ${input.exercise.scenarioId} (${input.exercise.scenarioVersion}) · ${input.exercise.id}`,
    { y: bottom + 20, size: 9, grey: true },
  );
  p.line(`${w.id}: ${id}`, { y: bottom + 4, size: 11, bold: true });
  p.line(w.verify, { y: bottom - 10, size: 8, grey: true });
  return doc.save({ useObjectStreams: false });
}
