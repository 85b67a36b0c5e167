import { describe, expect, it } from "vitest";
import { webhookEndpoint } from "./webhookEndpoint.ts";

describe("the incoming webhook's address", () => {
  it("is the connector's webhook route on the installation's own origin", () => {
    expect(webhookEndpoint("https://brandwache.nordwind-mobil.de", "con_01JQ4Z")).toBe(
      "https://brandwache.nordwind-mobil.de/api/connectors/con_01JQ4Z/webhook",
    );
  });
});
