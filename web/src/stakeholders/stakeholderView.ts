import {
  type StakeholderAccountRead,
  StakeholderGroup,
  Stance,
} from "../../../src/stakeholders/stakeholders.schema.ts";

/** Orders of the map: most posts of the last 7 days, most critical posts, most influence, or by group. */
export const stakeholderSorts = ["activity", "critical", "influence", "group"] as const;
export type StakeholderSort = (typeof stakeholderSorts)[number];

/** What the Stakeholders page shows, as kept in the URL query string so a view can be linked. */
export interface StakeholderView {
  group: StakeholderGroup | undefined;
  stance: Stance | undefined;
  /** Text to find in handle, name or note, trimmed; "" for none. */
  q: string;
  sort: StakeholderSort;
}

/** The view everyone starts with: every account, the most active first. */
export const defaultView: StakeholderView = { group: undefined, stance: undefined, q: "", sort: "activity" };

function oneOf<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((option) => option === value);
}

/** Reads the view from a URL query string; unknown values fall back to "no filter" and the default order. */
export function viewFromSearch(params: URLSearchParams): StakeholderView {
  return {
    group: oneOf(StakeholderGroup.options, params.get("group")),
    stance: oneOf(Stance.options, params.get("stance")),
    q: (params.get("q") ?? "").trim().slice(0, 200),
    sort: oneOf(stakeholderSorts, params.get("sort")) ?? defaultView.sort,
  };
}

/** Writes the view as a URL query string, leaving out what equals the default, in a stable order. */
export function viewToSearch(view: StakeholderView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.group) params.set("group", view.group);
  if (view.stance) params.set("stance", view.stance);
  if (view.q.trim()) params.set("q", view.q.trim());
  if (view.sort !== defaultView.sort) params.set("sort", view.sort);
  return params;
}

/** Whether any filter (group, stance, search) narrows the map. */
export function isFiltered(view: StakeholderView): boolean {
  return view.group !== undefined || view.stance !== undefined || view.q.trim() !== "";
}

/** The accounts of the view's group and stance whose handle, name or note contains the search text. */
export function filterStakeholders(
  items: readonly StakeholderAccountRead[],
  view: StakeholderView,
): StakeholderAccountRead[] {
  // Handles are stored without "@"; people type it anyway.
  const needle = view.q.trim().replace(/^@/u, "").toLocaleLowerCase();
  return items.filter(
    (item) =>
      (!view.group || item.group === view.group) &&
      (!view.stance || item.stance === view.stance) &&
      (!needle ||
        [item.handle, item.name ?? "", item.note ?? ""].some((text) =>
          text.toLocaleLowerCase().includes(needle),
        )),
  );
}

type Compare = (a: StakeholderAccountRead, b: StakeholderAccountRead) => number;

const byPosts: Compare = (a, b) => b.posts7d - a.posts7d;
const byCritical: Compare = (a, b) => b.critical7d - a.critical7d;
const byInfluence: Compare = (a, b) => b.influence - a.influence;
// ISO 8601 in UTC sorts as text; never seen comes last.
const byLastPost: Compare = (a, b) => (b.lastPostAt ?? "").localeCompare(a.lastPostAt ?? "");
const byGroup: Compare = (a, b) =>
  StakeholderGroup.options.indexOf(a.group) - StakeholderGroup.options.indexOf(b.group);
const byHandle: Compare = (a, b) => a.handle.localeCompare(b.handle) || a.platform.localeCompare(b.platform);

const orders: Record<StakeholderSort, Compare[]> = {
  activity: [byPosts, byCritical, byLastPost, byInfluence, byHandle],
  critical: [byCritical, byPosts, byInfluence, byHandle],
  influence: [byInfluence, byPosts, byCritical, byHandle],
  group: [byGroup, byInfluence, byPosts, byHandle],
};

/** A sorted copy: each order breaks ties by the next criterion, and by handle last, so the list never jumps. */
export function sortStakeholders(
  items: readonly StakeholderAccountRead[],
  sort: StakeholderSort,
): StakeholderAccountRead[] {
  const compares = orders[sort];
  return [...items].sort((a, b) => {
    for (const compare of compares) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

/** How many accounts of each group are on the map (groups without any are left out). */
export function countByGroup(items: readonly StakeholderAccountRead[]): Map<StakeholderGroup, number> {
  const counts = new Map<StakeholderGroup, number>();
  for (const item of items) counts.set(item.group, (counts.get(item.group) ?? 0) + 1);
  return counts;
}
