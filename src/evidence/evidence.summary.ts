import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { formatInstant } from "../core/evidence/instant.ts";
import { toWinAnsi } from "../core/evidence/winansi.ts";
import type { EvidenceRead } from "./evidence.schema.ts";

/** What the summary of a bundle shows. */
export interface SummaryInput {
  createdAt: Date;
  tool: string;
  incident: { id: string; title: string; severity: string; status: string; createdAt: string };
  items: EvidenceRead[];
  /** Entries of the audit log in the bundle, and of the timeline. */
  auditEntries: number;
  timelineEntries: number;
}

const pageSize: [number, number] = [595.28, 841.89]; // A4 in points
const margin = 50;
const lineGap = 3;

/** Writes text top-down over as many A4 pages as it needs, wrapping at the page width. */
class Writer {
  private page: PDFPage;
  private y: number;
  /** How many characters were replaced because WinAnsi cannot encode them. */
  replaced = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  private wrap(text: string, font: PDFFont, size: number): string[] {
    const width = pageSize[0] - 2 * margin;
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      // A word longer than the line (a URL, a hash) is cut by characters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
    return lines;
  }

  text(raw: string, opts: { size?: number; bold?: boolean; color?: [number, number, number] } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.regular;
    const { text, replaced } = toWinAnsi(raw);
    this.replaced += replaced;
    for (const line of this.wrap(text, font, size)) {
      if (this.y - size < margin) {
        this.page = this.doc.addPage(pageSize);
        this.y = pageSize[1] - margin;
      }
      this.y -= size;
      this.page.drawText(line, {
        x: margin,
        y: this.y,
        size,
        font,
        color: rgb(...(opts.color ?? [0, 0, 0])),
      });
      this.y -= lineGap;
    }
  }

  space(points = 8) {
    this.y -= points;
  }
}

/**
 * The bundle's `summary.pdf`, for a lawyer or the police: the incident, and for each item its URLs,
 * times, capturer, hold, timestamp and the SHA-256 of every file. Helvetica (WinAnsi) only; other
 * characters are replaced deterministically and the PDF says how many (the exact text is in the snapshots).
 */
export async function buildSummaryPdf(input: SummaryInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  doc.setTitle(`Beweissicherung / Evidence: ${toWinAnsi(input.incident.title).text}`);
  doc.setProducer(input.tool);
  doc.setCreator(input.tool);
  // Fixed dates: the same bundle gives the same bytes.
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);

  const w = new Writer(doc, regular, bold);
  const grey: [number, number, number] = [0.25, 0.25, 0.25];
  w.text("Beweissicherung / Evidence bundle", { size: 16, bold: true });
  w.space(4);
  w.text(`Vorfall / Incident: ${input.incident.title}`, { size: 12, bold: true });
  w.text(`ID ${input.incident.id} · ${input.incident.severity} · ${input.incident.status}`);
  w.text(`Eröffnet / Opened: ${formatInstant(new Date(input.incident.createdAt))}`);
  w.text(`Erstellt / Bundle created: ${formatInstant(input.createdAt)} · ${input.tool}`);
  w.text(
    `Enthält / Contains: ${input.items.length} Beweisstück(e) / item(s), ${input.timelineEntries} Zeitleisten-Einträge / timeline entries (timeline.json), ${input.auditEntries} Audit-Einträge / audit entries (audit.jsonl).`,
  );
  w.text(
    "Prüfen / Verify: manifest.json lists the SHA-256 and size of every file; run `brandwache evidence verify <folder>`.",
    { color: grey },
  );
  for (const [n, item] of input.items.entries()) {
    w.space(10);
    w.text(`${n + 1}. ${item.platform} · @${item.authorHandle}`, { size: 12, bold: true });
    w.text(`Beitrags-URL / Post URL: ${item.postUrl ?? "—"}`);
    w.text(`Profil-URL / Profile URL: ${item.profileUrl ?? "—"}`);
    w.text(`Zuerst gesehen / First seen: ${formatInstant(new Date(item.firstSeenAt))}`);
    w.text(`Gesichert / Captured: ${formatInstant(new Date(item.capturedAt))} von / by ${item.capturedBy}`);
    if (item.note) w.text(`Notiz / Note: ${item.note}`);
    w.text(
      item.legalHold.on
        ? `Rechtliche Sperre / Legal hold: ja / yes (${item.legalHold.reason ?? ""}, ${item.legalHold.by ?? ""})`
        : "Rechtliche Sperre / Legal hold: nein / no",
    );
    w.text(
      item.timestamp
        ? `Zeitstempel / RFC 3161 timestamp: ${formatInstant(new Date(item.timestamp.genTime))}, TSA ${item.timestamp.tsaUrl}, serial ${item.timestamp.serialNumber} (over the SHA-256 of snapshot.json)`
        : `Zeitstempel / RFC 3161 timestamp: keiner / none${item.timestampError ? ` (${item.timestampError})` : ""}`,
    );
    if (item.renderError) w.text(`Darstellung / Rendering: ${item.renderError}`);
    w.text(`Text (Auszug / excerpt): ${item.excerpt}`, { color: grey });
    for (const file of item.files) {
      w.text(`items/${item.id}/${file.name} · ${file.size} bytes · SHA-256 ${file.sha256}`, { size: 8 });
    }
  }
  w.space(12);
  w.text(
    `Zeichen / Characters: ${w.replaced} character(s) the PDF standard font cannot show were replaced by their base letter or "?"; the exact text is in each item's snapshot.json.`,
    { size: 8, color: grey },
  );
  return doc.save({ useObjectStreams: false });
}
