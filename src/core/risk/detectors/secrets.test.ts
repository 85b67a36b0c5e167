import { describe, expect, it } from "vitest";
import { contextFor, spanTexts } from "./detectors.fixture.ts";
import { detectSecrets, shannonEntropy } from "./secrets.ts";

const githubToken = `ghp_${"aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"}`;
const brandwacheToken = `bw_${"Q2hlY2sgdGhpcyBvdXQhIEl0IGlzIG5vdCBhIGtleQx"}`;
const jwt =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

describe("detectSecrets", () => {
  it.each([
    [`aws key AKIAIOSFODNN7EXAMPLE oops`, "secret.aws_access_key: AKIAIOSFODNN7EXAMPLE"],
    [
      `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
      "secret.aws_secret_key: aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ],
    [`token: ${githubToken}`, `secret.github_token: ${githubToken}`],
    ["glpat-abcdEFGH1234ijklMNOP", "secret.gitlab_token: glpat-abcdEFGH1234ijklMNOP"],
    ["xoxb-1234567890-abcdefghijkl", "secret.slack_token: xoxb-1234567890-abcdefghijkl"],
    ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "secret.stripe_key: sk_live_4eC39HqLyjWDarjtT1zdp7dc"],
    [
      "AIzaSyA1234567890abcdefghijklmnopqrstuv",
      "secret.google_api_key: AIzaSyA1234567890abcdefghijklmnopqrstuv",
    ],
    [
      "sk-abcdefghij1234567890T3BlbkFJabcdefghij1234567890",
      "secret.openai_key: sk-abcdefghij1234567890T3BlbkFJabcdefghij1234567890",
    ],
    [
      `SG.${"a".repeat(10)}${"B".repeat(12)}.${"c1".repeat(21)}d`,
      `secret.sendgrid_key: SG.${"a".repeat(10)}${"B".repeat(12)}.${"c1".repeat(21)}d`,
    ],
    [`Bearer ${jwt}`, `secret.jwt: ${jwt}`],
    [`unser Token ${brandwacheToken}`, `secret.brandwache_token: ${brandwacheToken}`],
    [
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
      "secret.private_key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
    ],
    [
      "db: postgres://admin:S3cr3t!@db.example.com/app",
      "secret.url_credentials: postgres://admin:S3cr3t!@db.example.com",
    ],
    ["WLAN Passwort: Sommer2024!", "secret.password_assignment: Passwort: Sommer2024!"],
    ["login pw=hunter42 thx", "secret.password_assignment: pw=hunter42"],
  ])("finds the secret in %j", (text, expected) => {
    const result = detectSecrets(text, contextFor());
    expect(spanTexts(text, result)).toContain(expected);
    expect(result.flagged).toBe(true);
  });

  it.each([
    ["Das Passwort ist falsch, bitte zurücksetzen"],
    ["Passwort: ******** (geschwärzt)"],
    ["Schaut auf https://nordwind-mobil.de/angebote/sommer-aktion-2024-tarif-xl"],
    ["#NordwindMobilSommerAktion2024IstDa"],
    ["Der Commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 behebt das"],
    ["sk_test_ ist kein Schlüssel"],
    ["Ich habe AKIA gelesen"],
  ])("does not flag %j", (text) => {
    expect(detectSecrets(text, contextFor()).flagged).toBe(false);
  });

  it("gives a random-looking string a lower score than a known key", () => {
    const text = "hier: Zx8Qp2Lm9Rt4Vb7Nc1Kd6Wf3Hj5Gs0Ya";
    const result = detectSecrets(text, contextFor());
    expect(result.spans.map((span) => span.reason)).toEqual(["secret.high_entropy"]);
    expect(result.score).toBeLessThan(0.5);
    const keyed = detectSecrets("api_key=Zx8Qp2Lm9Rt4Vb7Nc1Kd6Wf3Hj5Gs0Ya", contextFor());
    expect(keyed.spans.map((span) => span.reason)).toEqual(["secret.generic_assignment"]);
    expect(keyed.flagged).toBe(true);
  });

  it("finds a token split by zero-width characters, with the original span", () => {
    const hidden = `${githubToken.slice(0, 10)}\u200B${githubToken.slice(10)}`;
    const text = `neu: ${hidden} ok`;
    expect(spanTexts(text, detectSecrets(text, contextFor()))).toEqual([`secret.github_token: ${hidden}`]);
  });

  it("computes Shannon entropy in bits per character", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
});
