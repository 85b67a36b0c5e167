import { describe, expect, it } from "vitest";
import { listWithMore } from "./listWithMore.ts";

describe("listWithMore", () => {
  const more = (rest: number) => `(+${rest})`;

  it("lists every name when they fit", () => {
    expect(listWithMore(["bluesky:anna", "x:ben"], 3, more)).toBe("bluesky:anna, x:ben");
  });

  it("counts the names left out", () => {
    expect(listWithMore(["a", "b", "c", "d", "e"], 2, more)).toBe("a, b (+3)");
  });
});
