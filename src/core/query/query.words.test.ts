import { describe, expect, it } from "vitest";
import { parseQuery } from "./query.parser.ts";
import { queryWords } from "./query.words.ts";

const words = (query: string) => {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return queryWords(parsed.ast);
};

describe("queryWords", () => {
  it("lists what a query looks for, without what it excludes or filters on", () => {
    expect(words('nordwind AND (störung* OR "kein netz") NOT werbung lang:de')).toEqual([
      "nordwind",
      "störung",
      '"kein netz"',
    ]);
    expect(words("kündig* NEAR/3 (vertrag OR tarif)")).toEqual(["kündig", "vertrag", "tarif"]);
    expect(words("nordwind OR nordwind")).toEqual(["nordwind"]);
  });
});
