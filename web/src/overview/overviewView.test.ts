import { describe, expect, it } from "vitest";
import { overviewViewFromSearch, withSearchParam } from "./overviewView.ts";

describe("the Overview's view in the URL", () => {
  it("reads chart window, topic and resolution", () => {
    expect(overviewViewFromSearch(new URLSearchParams("chart=24h&topic=t_1&res=quarter"))).toEqual({
      chart: "24h",
      topicId: "t_1",
      resolution: "quarter",
    });
  });

  it("falls back to the last hour per minute and the most escalated topic", () => {
    expect(overviewViewFromSearch(new URLSearchParams("chart=7d&topic=%20&res=second"))).toEqual({
      chart: "1h",
      topicId: undefined,
      resolution: "minute",
    });
  });

  it("changes one parameter and keeps the others", () => {
    const params = new URLSearchParams("chart=24h&topic=t_1");
    expect(withSearchParam(params, "res", "hour").toString()).toBe("chart=24h&topic=t_1&res=hour");
    expect(withSearchParam(params, "chart", undefined).toString()).toBe("topic=t_1");
    expect(params.toString()).toBe("chart=24h&topic=t_1");
  });
});
