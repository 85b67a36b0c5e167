import { describe, expect, it } from "vitest";
import { draftStatusColour, draftStatusKey } from "./draftStatus.ts";

describe("draftStatusKey", () => {
  it("names an approved draft without a sender 'send by hand', others by their state", () => {
    expect(draftStatusKey({ state: "approved", sendByHand: true })).toBe("publishing.state.byHand");
    expect(draftStatusKey({ state: "approved", sendByHand: false })).toBe("publishing.state.approved");
    expect(draftStatusKey({ state: "pending_approval", sendByHand: false })).toBe(
      "publishing.state.pending_approval",
    );
  });

  it("colours failures red and sent drafts green", () => {
    expect(draftStatusColour("failed")).toBe("red");
    expect(draftStatusColour("sent")).toBe("green");
  });
});
