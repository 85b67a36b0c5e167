import { describe, expect, it } from "vitest";
import type { StakeholderAccountRead } from "../../../src/stakeholders/stakeholders.schema.ts";
import {
  countByGroup,
  defaultView,
  filterStakeholders,
  isFiltered,
  sortStakeholders,
  viewFromSearch,
  viewToSearch,
} from "./stakeholderView.ts";

function account(handle: string, fields: Partial<StakeholderAccountRead> = {}): StakeholderAccountRead {
  return {
    id: handle,
    platform: "mastodon",
    handle,
    group: "public",
    stance: "unknown",
    influence: 3,
    name: null,
    note: null,
    posts7d: 0,
    critical7d: 0,
    followers: null,
    lastPostAt: null,
    createdAt: "2026-03-01T08:00:00.000Z",
    updatedAt: "2026-03-01T08:00:00.000Z",
    ...fields,
  };
}

const map = [
  account("hansekurier", {
    group: "press",
    stance: "neutral",
    influence: 5,
    name: "Hanse-Kurier",
    posts7d: 4,
    critical7d: 1,
    lastPostAt: "2026-03-02T09:00:00.000Z",
  }),
  account("nordwind_hilfe", {
    group: "official_account",
    stance: "friend",
    influence: 5,
    name: "Nordwind Hilfe",
    posts7d: 12,
    lastPostAt: "2026-03-02T10:00:00.000Z",
  }),
  account("weg_von_nordwind", {
    group: "ex_customer",
    stance: "foe",
    influence: 3,
    name: "Frank (Ex-Kunde)",
    note: "Kündigt seit Wochen öffentlich",
    posts7d: 4,
    critical7d: 4,
    lastPostAt: "2026-03-02T08:00:00.000Z",
  }),
  account("radio_elbwelle", { group: "radio", stance: "neutral", influence: 5 }),
  account("eimsbuettel_eckhaus", { group: "neighbour", influence: 3, posts7d: 6, critical7d: 1 }),
];

const handles = (items: readonly StakeholderAccountRead[]) => items.map((item) => item.handle);

describe("the stakeholder view in the URL", () => {
  it("reads group, stance, search and order, and writes back only what differs from the default", () => {
    const params = new URLSearchParams("group=press&stance=foe&q=%20kurier%20&sort=influence");
    const view = viewFromSearch(params);
    expect(view).toEqual({ group: "press", stance: "foe", q: "kurier", sort: "influence" });
    expect(viewToSearch(view).toString()).toBe("group=press&stance=foe&q=kurier&sort=influence");
    expect(viewToSearch(defaultView).toString()).toBe("");
  });

  it("ignores values it does not know instead of showing an empty map", () => {
    expect(viewFromSearch(new URLSearchParams("group=aliens&stance=enemy&sort=loudest"))).toEqual(
      defaultView,
    );
  });

  it("says whether a filter narrows the map; the order alone does not", () => {
    expect(isFiltered({ ...defaultView, sort: "influence" })).toBe(false);
    expect(isFiltered({ ...defaultView, stance: "foe" })).toBe(true);
    expect(isFiltered({ ...defaultView, q: "  " })).toBe(false);
  });
});

describe("filterStakeholders", () => {
  it.each([
    [{ group: "press" as const }, ["hansekurier"]],
    [{ stance: "neutral" as const }, ["hansekurier", "radio_elbwelle"]],
    [{ group: "radio" as const, stance: "foe" as const }, []],
    [{ q: "@Hanse" }, ["hansekurier"]],
    [{ q: "ex-kunde" }, ["weg_von_nordwind"]],
    [{ q: "öffentlich" }, ["weg_von_nordwind"]],
    [{}, handles(map)],
  ])("%o keeps %o", (filters, expected) => {
    expect(handles(filterStakeholders(map, { ...defaultView, ...filters }))).toEqual(expected);
  });
});

describe("sortStakeholders", () => {
  it("puts the most active first: posts, then critical posts, then the latest post", () => {
    expect(handles(sortStakeholders(map, "activity"))).toEqual([
      "nordwind_hilfe",
      "eimsbuettel_eckhaus",
      "weg_von_nordwind",
      "hansekurier",
      "radio_elbwelle",
    ]);
  });

  it("puts the most critical first, then the more active, then the more influential", () => {
    expect(handles(sortStakeholders(map, "critical"))).toEqual([
      "weg_von_nordwind",
      "eimsbuettel_eckhaus",
      "hansekurier",
      "nordwind_hilfe",
      "radio_elbwelle",
    ]);
  });

  it("puts the most influential first, the more active before the quiet among equals", () => {
    expect(handles(sortStakeholders(map, "influence"))).toEqual([
      "nordwind_hilfe",
      "hansekurier",
      "radio_elbwelle",
      "eimsbuettel_eckhaus",
      "weg_von_nordwind",
    ]);
  });

  it("orders by group as the list of groups does (customers first, the public last)", () => {
    expect(handles(sortStakeholders(map, "group"))).toEqual([
      "weg_von_nordwind",
      "hansekurier",
      "radio_elbwelle",
      "eimsbuettel_eckhaus",
      "nordwind_hilfe",
    ]);
  });

  it("breaks full ties by handle and does not change the list it is given", () => {
    const items = [account("b"), account("a")];
    expect(handles(sortStakeholders(items, "activity"))).toEqual(["a", "b"]);
    expect(handles(items)).toEqual(["b", "a"]);
  });
});

describe("countByGroup", () => {
  it("counts the accounts of each group present on the map", () => {
    const counts = countByGroup([...map, account("jana_reimers_hk", { group: "press" })]);
    expect(counts.get("press")).toBe(2);
    expect(counts.get("radio")).toBe(1);
    expect(counts.has("bank")).toBe(false);
  });
});
