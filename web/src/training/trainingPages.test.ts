import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  exercise,
  type FixturePath,
  hostileText,
  renderTrainingPage,
  trainee,
  visibleText,
} from "./trainingPages.fixture.tsx";

beforeAll(() => {
  vi.stubGlobal("location", { origin: "https://brandwache.example" });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const paths: FixturePath[] = [
  "/training",
  "/training/exercises/ex-1",
  "/training/exercises/ex-1/debrief",
  "/training/join/Kf83hQ2mZx",
  "/banner",
];

describe("training pages", () => {
  it.each(paths.flatMap((path) => [[path, "de"] as const, [path, "en"] as const]))(
    "%s renders in %s without a missing text key",
    async (path, lang) => {
      const text = visibleText(await renderTrainingPage(path, lang));
      expect(text).not.toMatch(/\btraining\.[a-z]+\.[a-zA-Z]/);
      expect(text.length).toBeGreaterThan(40);
    },
  );

  it.each(["/training/exercises/ex-1", "/training/exercises/ex-1/debrief"] as const)(
    "%s shows post texts as text, never as HTML",
    async (path) => {
      const html = await renderTrainingPage(path, "en");
      expect(html).not.toContain("<img src=x");
      expect(visibleText(html)).toContain(hostileText);
    },
  );

  it("shows the console with clock, controls, absolute join link, teams and the feed newest first", async () => {
    const text = visibleText(await renderTrainingPage("/training/exercises/ex-1", "en"));
    expect(text).toContain("Console: A complaint escalates");
    expect(text).toContain("02:05 of 20:00");
    expect(text).toContain("Pause");
    expect(text).toContain("End exercise");
    expect(text).toContain("https://brandwache.example/training/join/Kf83hQ2mZx");
    expect(text).toContain("Jana Berger – Communications");
    expect(text.indexOf("Reply sent")).toBeLessThan(text.indexOf("Post by @sabine_krause"));
  });

  it("writes speeds the German way in German", async () => {
    const text = visibleText(await renderTrainingPage("/training/exercises/ex-1", "de"));
    expect(text).toContain("0,5×");
    expect(text).toContain("Leitstand: Eine Beschwerde eskaliert");
  });

  it("shows no controls to someone who may not run the exercise", async () => {
    const text = visibleText(
      await renderTrainingPage("/training/exercises/ex-1", "en", {
        session: trainee,
        exercise: { ...exercise, canRun: false, joinCode: null },
      }),
    );
    expect(text).toContain("Only trainers, managers and admins can run this exercise.");
    expect(text).not.toContain("End exercise");
    expect(text).not.toContain("Send inject");
  });

  it("shows the score, criteria, the aligned timeline, lessons and certificate links in the debrief", async () => {
    const html = await renderTrainingPage("/training/exercises/ex-1/debrief", "de");
    const text = visibleText(html);
    expect(text).toContain("72 von 100 Punkten");
    expect(text).toContain("Bestanden");
    expect(text).toContain("Reaktionszeit");
    expect(text).toContain("01:00");
    expect(text).toContain("05:00");
    expect(text).toContain("Früh antworten nimmt Druck heraus.");
    expect(html).toContain('href="/api/training/exercises/ex-1/certificates/u-jana?lang=de"');
    expect(html).toContain('href="/api/training/exercises/ex-1/certificates/u-jana?lang=en"');
  });

  it("offers team and role on the join page", async () => {
    const text = visibleText(await renderTrainingPage("/training/join/Kf83hQ2mZx", "de"));
    expect(text).toContain("Übung beitreten");
    expect(text).toContain("Ihre Rolle im Krisenstab");
    expect(text).toContain("Vorfallleitung");
    expect(text).toContain("Beitreten");
  });

  it("marks the exercise workspace in the banner, with the way back and, after the end, to the debrief", async () => {
    const de = visibleText(await renderTrainingPage("/banner", "de", { session: trainee }));
    expect(de).toContain("ÜBUNG — Trainingsumgebung");
    expect(de).toContain("Zurück zum echten Arbeitsbereich");
    expect(de).toContain("Nachbesprechung öffnen");
    const en = visibleText(await renderTrainingPage("/banner", "en", { session: trainee }));
    expect(en).toContain("EXERCISE — training workspace");
    expect(en).toContain("Team Nord");
    expect(en).toContain("Communications");
    expect(en).toContain("Switch workspace");
  });

  it("lists the library with a start button for trainers, the exercises and the progress", async () => {
    const text = visibleText(await renderTrainingPage("/training", "en"));
    expect(text).toContain("Scenario library");
    expect(text).toContain("Escalating complaint");
    expect(text).toContain("Start exercise");
    expect(text).toContain("Exercises");
    expect(text).toContain("Progress");
    expect(text).toContain("Passed");
  });

  it("hides the start button from trainees", async () => {
    const text = visibleText(await renderTrainingPage("/training", "en", { session: trainee }));
    expect(text).toContain("Scenario library");
    expect(text).not.toContain("Start exercise");
  });
});
