import { inflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { ScoreResult } from "../core/training/training.score.ts";
import { type CertificateInput, certificateId, renderCertificate } from "./training.certificate.ts";

const result: ScoreResult = {
  score: 78.5,
  passed: true,
  criteria: [
    {
      key: "response",
      weight: 1,
      score: 1,
      detail: { de: "Erste Antwort nach 3 von 8 Minuten", en: "First reply after 3 of 8 minutes" },
    },
    {
      key: "tone",
      weight: 1,
      score: 0.65,
      detail: {
        de: "1 von 2 Antworten einfühlsam oder sachlich, 1 abwehrend, 0 feindselig",
        en: "1 of 2 replies empathetic or neutral, 1 defensive, 0 hostile",
      },
    },
    {
      key: "oneVoice",
      weight: 2,
      score: 0.5,
      detail: {
        de: "1 von 2 Antworten im Vier-Augen-Prinzip freigegeben",
        en: "1 of 2 replies approved by a second person",
      },
    },
  ],
  wentWell: [],
  toImprove: [],
};

function certificate(overrides: Partial<CertificateInput> = {}): CertificateInput {
  return {
    lang: "de",
    person: { name: "Jonas Becker", email: "jonas.becker@stadtwerke-lindenau.example" },
    organisation: "Stadtwerke Lindenau",
    exercise: {
      id: "ex_01HZX",
      title: "Eine Beschwerde eskaliert",
      scenarioId: "complaint-escalates",
      scenarioVersion: "1",
      startedAt: new Date("2026-12-02T15:10:00Z"),
      endedAt: new Date("2026-12-02T15:40:00Z"),
      trainer: "Maria Schulz",
    },
    team: { name: "Team 1", role: "communications" },
    result,
    actions: 12,
    ...overrides,
  };
}

// The standard fonts' WinAnsiEncoding is Windows-1252 (PDF 32000-1:2008, Annex D.2): Latin-1 but for
// 0x80–0x9F (Node's TextDecoder without full ICU reads those as control characters).
const cp1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const winAnsi = {
  decode: (bytes: Uint8Array) =>
    [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? cp1252[b - 0x80] : String.fromCharCode(b))).join(""),
};

/** The page's drawn text: the content streams inflated, the hex strings of the Tj operators decoded. */
function drawnText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString("latin1");
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? "", "latin1")).toString("latin1");
    } catch {
      content = match[1] ?? "";
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) {
      texts.push(winAnsi.decode(Buffer.from(hex[1] ?? "", "hex")));
    }
  }
  return texts.join("\n");
}

describe("renderCertificate", () => {
  it("renders one A4 landscape page with the title in the metadata", async () => {
    const pdf = await renderCertificate(certificate());
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(841.89, 1);
    expect(height).toBeCloseTo(595.28, 1);
    expect(doc.getTitle()).toBe("Teilnahmebescheinigung: Jonas Becker");
    expect(doc.getAuthor()).toBe("Maria Schulz");
    expect(doc.getKeywords()).toContain(certificateId(certificate()));
  });

  it("shows the person, organisation, exercise, team, role, score, criteria, trainer and id in German", async () => {
    const text = drawnText(await renderCertificate(certificate()));
    for (const expected of [
      "Teilnahmebescheinigung",
      "Jonas Becker",
      "von Stadtwerke Lindenau",
      "Eine Beschwerde eskaliert",
      "Datum: 2. Dezember 2026, 16:10–16:40 MEZ",
      "Team: Team 1 · Rolle: Kommunikation · Aktionen: 12",
      "Ergebnis: 78,5 / 100 · bestanden",
      "Reaktionszeit: 100 % (Gewicht 1)",
      "Tonalität: 65 % (Gewicht 1)",
      "Vier-Augen-Prinzip: 50 % (Gewicht 2)",
      "Erste Antwort nach 3 von 8 Minuten",
      "Trainer/in: Maria Schulz",
      `Bescheinigungs-ID: ${certificateId(certificate())}`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("speaks English when the exercise does, and says when the team did not pass", async () => {
    const input = certificate({
      lang: "en",
      result: { ...result, score: 41, passed: false },
      team: { name: "Blue", role: "it_security" },
    });
    const text = drawnText(await renderCertificate(input));
    expect(text).toContain("Certificate of participation");
    expect(text).toContain("Date: 2 December 2026, 16:10–16:40 CET");
    expect(text).toContain("Team: Blue · Role: IT security · Actions: 12");
    expect(text).toContain("Score: 41.0 / 100 · not passed");
    expect(text).toContain("One voice (four-eyes approval): 50 % (weight 2)");
    expect((await PDFDocument.load(await renderCertificate(input))).getTitle()).toBe(
      "Certificate of participation: Jonas Becker",
    );
  });

  it("shows an unknown role key as it is", async () => {
    const text = drawnText(
      await renderCertificate(certificate({ team: { name: "Team 1", role: "observer" } })),
    );
    expect(text).toContain("Rolle: observer");
  });

  it("gives the same bytes and id for the same input", async () => {
    const a = await renderCertificate(certificate());
    const b = await renderCertificate(certificate());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(certificateId(certificate())).toMatch(/^[0-9a-f]{16}$/);
    expect(certificateId(certificate())).toBe(certificateId(certificate()));
  });

  it("does not depend on the order of the input's keys", () => {
    const input = certificate();
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as unknown as CertificateInput;
    expect(certificateId(reordered)).toBe(certificateId(input));
  });

  it("changes the id when the score, the name or the date changes", () => {
    const base = certificateId(certificate());
    const changed = [
      certificate({ result: { ...result, score: 78.6 } }),
      certificate({ result: { ...result, passed: false } }),
      certificate({ person: { name: "Jonas Becker ", email: "jonas.becker@stadtwerke-lindenau.example" } }),
      certificate({ exercise: { ...certificate().exercise, endedAt: new Date("2026-12-02T15:41:00Z") } }),
    ].map(certificateId);
    expect(new Set([base, ...changed]).size).toBe(5);
  });

  it("draws names outside Latin-1 without throwing, and keeps them exact in the metadata", async () => {
    const name = "Ayşe Doğan 🔥 Łódź";
    const pdf = await renderCertificate(
      certificate({ person: { name, email: "ayse@example.org" }, organisation: "Zürich ❤ GmbH", lang: "en" }),
    );
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe(`Certificate of participation: ${name}`);
    const text = drawnText(pdf);
    // toWinAnsi drops accents it can (ş → s), keeps Latin-1 (ó) and puts "?" for the rest (emoji, ł).
    expect(text).toContain("Ayse Dogan ? ?ódz");
    expect(text).toContain("of Zürich ? GmbH");
  });

  it("fits long names and titles on the page, shrinking and then cutting them", async () => {
    const long = "Maximilian-Alexander ".repeat(12).trim();
    const pdf = await renderCertificate(
      certificate({
        person: { name: long, email: "m@example.org" },
        exercise: { ...certificate().exercise, title: long },
      }),
    );
    const text = drawnText(pdf);
    const lines = text.split("\n").filter((line) => line.startsWith("Maximilian"));
    // Name and title, each one line that starts like the original and ends in an ellipsis.
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.endsWith("…")).toBe(true);
      expect(long.startsWith(line.slice(0, -1))).toBe(true);
      expect(line.length).toBeGreaterThan(100);
    }
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  it("shrinks a long but real name until it fits whole", async () => {
    const name = "Prof. Dr. Maximiliane Charlotte von Hohenstein-Lichtenberg-Waldburg";
    const text = drawnText(
      await renderCertificate(certificate({ person: { name, email: "m@example.org" } })),
    );
    expect(text.split("\n")).toContain(name);
  });

  it("draws text only: markup in names is shown literally", async () => {
    const name = "<b>Eve</b> <script>alert(1)</script>";
    const text = drawnText(
      await renderCertificate(certificate({ person: { name, email: "e@example.org" } })),
    );
    expect(text).toContain(name);
  });
});
