import { describe, expect, it } from "vitest";
import { contextFor, reasons, spanTexts } from "./detectors.fixture.ts";
import { findKnownBadHost, parseHostList } from "./host-list.ts";
import { detectMaliciousLinks } from "./malicious-link.ts";

describe("detectMaliciousLinks", () => {
  it.each([
    ["Login: nordwnd-mobil.de", "link.lookalike.omission"],
    ["nordwinnd-mobil.de/konto", "link.lookalike.repetition"],
    ["nordwindd-mobil.de", "link.lookalike.repetition"],
    ["nordwijnd-mobil.de", "link.lookalike.insertion"],
    ["nrodwind-mobil.de", "link.lookalike.transposition"],
    ["nordwinf-mobil.de", "link.lookalike.replacement"],
    ["nordwind-mobio.de", "link.lookalike.replacement"],
    ["n0rdwind-mobil.de", "link.lookalike.homoglyph"],
    ["https://nοrdwind-mobil.de/login", "link.lookalike.homoglyph"],
    ["nordwind-mobil-erstattung.de", "link.lookalike.added_words"],
    ["nordwindmobil.de", "link.lookalike.hyphenation"],
    ["nordwind-mobil.com", "link.lookalike.tld_swap"],
    ["nordwind-mobil.de.evil.com/login", "link.lookalike.subdomain"],
    ["https://nordwind-mobil.de-login.com", "link.lookalike.subdomain"],
    ["https://nordwind-mobil-erstattung.de.evil.com/antrag", "link.lookalike.added_words"],
    ["https://nordwinnd-mobil.evil.com/login", "link.lookalike.repetition"],
    ["https://shop.mail.blog.example.com/", "none"],
    ["https://wetter.nord.example.com/", "none"],
    ["nordwand-mobil.de", "link.lookalike.vowel_swap"],
    ["nordwind-mobil.de", "none"],
    ["nordwknd-mobil.de", "link.lookalike.replacement"],
    ["nordwind-mocil.de", "link.lookalike.bitsquatting"],
    ["http://192.168.10.5/update.exe", "link.ip_host"],
    ["https://bit.ly/3xYz", "link.shortener"],
    ["https://example.com/files/rechnung.pdf.exe", "link.double_extension"],
    ["https://example.com/app.apk", "link.risky_download"],
    ["https://xn--nordwind-mbil-rmb.de", "link.punycode"],
    ["https://xn--nrdwind-mobil-i7k.de", "link.idn_mixed_script"],
    ["https://xn--nrdwind-mobil-i7k.de", "link.lookalike.homoglyph"],
    ["https://www.nordwind-mobil.de@evil.example/", "link.userinfo_deception"],
  ])("classifies %j as %s", (text, reason) => {
    const found = reasons(detectMaliciousLinks(text, contextFor()));
    if (reason === "none") expect(found).toEqual([]);
    else expect(found).toContain(reason);
  });

  it("reports the lookalike's span in the original text and what it imitates", () => {
    const text = "Hier Geld zurück: https://nordwind-mobil.de.evil.com/login!";
    const result = detectMaliciousLinks(text, contextFor());
    expect(spanTexts(text, result)).toContain(
      "link.lookalike.subdomain: https://nordwind-mobil.de.evil.com/login",
    );
    expect(result.spans.find((span) => span.reason === "link.lookalike.subdomain")?.detail).toBe(
      "imitates nordwind-mobil.de",
    );
    expect(result.flagged).toBe(true);
  });

  it("never flags the org's own domains and subdomains", () => {
    for (const text of [
      "https://www.nordwind-mobil.de/login",
      "https://hilfe.nordwind-mobil.de/konto/verifizieren",
      "nordwind.group/karriere",
      "https://nordwind-mobil.de/download/app.apk",
    ]) {
      expect(detectMaliciousLinks(text, contextFor()).spans).toEqual([]);
    }
  });

  it("flags hosts on the known-bad list and their subdomains", () => {
    const knownBadHosts = parseHostList("# URLhaus\nbad.example\n");
    const text = "Schau mal: http://cdn.bad.example/x";
    const result = detectMaliciousLinks(text, contextFor({ knownBadHosts }));
    expect(spanTexts(text, result)).toContain("link.known_bad: http://cdn.bad.example/x");
    expect(result.score).toBeGreaterThan(0.95);
  });

  it("leaves t.co, Twitter's own link wrapper, alone", () => {
    expect(detectMaliciousLinks("https://t.co/abc123", contextFor()).spans).toEqual([]);
  });

  it("keeps a credential-looking path on another domain below the threshold", () => {
    const result = detectMaliciousLinks("https://example.org/login", contextFor());
    expect(reasons(result)).toEqual(["link.phishing_path"]);
    expect(result.flagged).toBe(false);
  });

  it("finds a lookalike split by a zero-width space, with the original span", () => {
    const text = "nordwnd-mo\u200Bbil.de";
    expect(spanTexts(text, detectMaliciousLinks(text, contextFor()))).toEqual([
      `link.lookalike.omission: ${text}`,
    ]);
  });
});

describe("parseHostList", () => {
  it("reads plain hosts, URLs, hosts-file lines and CSV rows, and skips comments", () => {
    const list = [
      "# comment",
      "! adblock comment",
      "",
      "Evil.Example",
      "https://phish.example.net/login?x=1",
      "0.0.0.0 ads.example.org",
      "127.0.0.1 localhost",
      '"1","2024-01-01","http://malware.example.com:8080/a.exe","online"',
      "*.wild.example",
      "not a host!",
    ].join("\n");
    expect([...parseHostList(list)].sort()).toEqual([
      "ads.example.org",
      "evil.example",
      "malware.example.com",
      "phish.example.net",
      "wild.example",
    ]);
  });

  it("matches parent domains", () => {
    const hosts = parseHostList("evil.example");
    expect(findKnownBadHost("a.b.evil.example", hosts)).toBe("evil.example");
    expect(findKnownBadHost("notevil.example", hosts)).toBeUndefined();
  });
});
