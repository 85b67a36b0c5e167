import { describe, expect, it } from "vitest";
import { buildChannelConfig, channelConfigProblems, channelKinds, splitRecipients } from "./channelConfig.ts";

const empty = { to: "", url: "", secret: "" };

describe("channel configuration from the form", () => {
  it("offers every kind the API knows", () => {
    expect(channelKinds).toEqual(["email", "slack", "teams", "webhook"]);
  });

  it("splits recipients on lines, commas, semicolons and spaces, each once", () => {
    expect(
      splitRecipients(
        "krisenstab@nordwind-mobil.de\n presse@nordwind-mobil.de; krisenstab@nordwind-mobil.de,",
      ),
    ).toEqual(["krisenstab@nordwind-mobil.de", "presse@nordwind-mobil.de"]);
  });

  it("builds each kind with its own fields only", () => {
    expect(buildChannelConfig("email", { ...empty, to: "a@example.org", url: "https://x" })).toEqual({
      kind: "email",
      to: ["a@example.org"],
    });
    expect(
      buildChannelConfig("slack", { ...empty, url: " https://hooks.slack.com/services/T0/B0/x " }),
    ).toEqual({
      kind: "slack",
      url: "https://hooks.slack.com/services/T0/B0/x",
    });
    expect(
      buildChannelConfig("webhook", {
        to: "a@example.org",
        url: "https://hooks.example.com/bw",
        secret: " s3cret ",
      }),
    ).toEqual({ kind: "webhook", url: "https://hooks.example.com/bw", secret: " s3cret " });
  });

  it("names the fields the API would refuse", () => {
    expect(channelConfigProblems(buildChannelConfig("email", { ...empty, to: "not an address" }))).toEqual([
      "to",
    ]);
    expect(
      channelConfigProblems(buildChannelConfig("teams", { ...empty, url: "javascript:alert(1)" })),
    ).toEqual(["url"]);
    expect(
      channelConfigProblems(
        buildChannelConfig("webhook", { ...empty, url: "https://x.example", secret: "short" }),
      ),
    ).toEqual(["secret"]);
    expect(
      channelConfigProblems(buildChannelConfig("slack", { ...empty, url: "https://hooks.slack.com/x" })),
    ).toEqual([]);
  });
});
