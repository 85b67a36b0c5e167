import { describe, expect, it } from "vitest";
import { certificateUrl, joinUrl } from "./trainingAccess.ts";

describe("joinUrl", () => {
  it("builds an absolute link from the page's origin", () => {
    expect(joinUrl("https://brandwache.example", "Kf83hQ2mZ")).toBe(
      "https://brandwache.example/training/join/Kf83hQ2mZ",
    );
  });

  it("does not double the slash when the origin ends with one", () => {
    expect(joinUrl("http://localhost:5173/", "abcdefgh")).toBe(
      "http://localhost:5173/training/join/abcdefgh",
    );
  });

  it("encodes characters that would break the path", () => {
    expect(joinUrl("https://x.example", "a/b?c")).toBe("https://x.example/training/join/a%2Fb%3Fc");
  });
});

describe("certificateUrl", () => {
  it("points at the PDF of one participant in the chosen language", () => {
    expect(certificateUrl("ex-1", "user 7", "de")).toBe(
      "/api/training/exercises/ex-1/certificates/user%207?lang=de",
    );
  });
});
