// The filtered stream's rules: X keeps one rule set per app and delivers every post that matches any of
// them on the app's connection (docs.x.com/x-api/stream/get-stream-rules, …/update-stream-rules). Before
// connecting, the set is brought in line with what the connector searches: the rules Brandwache added
// carry a tag starting with `brandwache:`; stale ones are deleted, the missing one is added, and rules
// other tools added to the same app are never touched.
import { type ConnectorContext, ConnectorError } from "../connector.ts";
import { requestX } from "./x.client.ts";
import { XRulesChange, XRulesPage, type XStreamRule } from "./x.schema.ts";

/** Marks a rule as Brandwache's own; only rules with this tag are ever deleted. */
export const xRuleTagPrefix = "brandwache:";

/** The tag of the rule that carries the connector's query. */
export const xRuleTag = `${xRuleTagPrefix}query`;

/** Pages of rules read (1,000 each): far more than any access level allows (Pro: 1,000 rules). */
const maxRulePages = 5;

/**
 * Makes the app's rule set hold `query` (once, as Brandwache's rule) and none of Brandwache's older
 * rules; returns the ids of the rules that carry the query, to tell its posts from other rules' posts.
 */
export async function syncStreamRules(
  ctx: ConnectorContext,
  apiBase: string,
  token: string,
  query: string,
): Promise<Set<string>> {
  const url = `${apiBase.replace(/\/+$/u, "")}/2/tweets/search/stream/rules`;
  const rules = await listRules(ctx, url, token);
  const stale = rules.filter((rule) => rule.tag?.startsWith(xRuleTagPrefix) && rule.value !== query);
  // X refuses a second rule with the same value, whoever added it; one already there serves as well.
  const ours = new Set(rules.filter((rule) => rule.value === query).map((rule) => rule.id));
  if (stale.length > 0) {
    await changeRules(ctx, url, token, { delete: { ids: stale.map((rule) => rule.id) } });
  }
  if (ours.size === 0) {
    for (const id of await addRule(ctx, url, token, query)) ours.add(id);
  }
  return ours;
}

/** Every rule of the app (GET …/rules, following `next_token`). */
async function listRules(ctx: ConnectorContext, url: string, token: string): Promise<XStreamRule[]> {
  const rules: XStreamRule[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxRulePages; page += 1) {
    const pageUrl = new URL(url);
    pageUrl.searchParams.set("max_results", "1000");
    if (nextToken) pageUrl.searchParams.set("pagination_token", nextToken);
    const res = await requestX(ctx, { method: "GET", url: pageUrl.toString() }, token, "X stream rules");
    const parsed = XRulesPage.safeParse(parseJson(res.body));
    if (!parsed.success) throw new ConnectorError("X stream rules: unexpected answer", "transient");
    rules.push(...(parsed.data.data ?? []));
    nextToken = parsed.data.meta?.next_token;
    if (!nextToken) break;
  }
  return rules;
}

/** Adds the query as Brandwache's rule; its id, or the id of the identical rule X says exists already. */
async function addRule(ctx: ConnectorContext, url: string, token: string, query: string) {
  const change = await changeRules(ctx, url, token, { add: [{ value: query, tag: xRuleTag }] });
  const ids = (change.data ?? []).filter((rule) => rule.value === query).map((rule) => rule.id);
  for (const problem of change.errors ?? []) {
    if (problem.title === "DuplicateRule" && problem.id) ids.push(problem.id);
  }
  if (ids.length > 0) return ids;
  const problem = change.errors?.find((p) => p.title !== "DuplicateRule");
  const why = problem
    ? [problem.title, ...(problem.details ?? [problem.detail ?? ""])].filter(Boolean).join(": ")
    : "no reason given";
  throw new ConnectorError(`X filtered stream: X refused the rule "${query}" (${why})`, "config");
}

/** One POST …/rules with `add` or `delete`, which the endpoint takes one at a time. */
async function changeRules(
  ctx: ConnectorContext,
  url: string,
  token: string,
  body: { add: { value: string; tag: string }[] } | { delete: { ids: string[] } },
): Promise<XRulesChange> {
  const res = await requestX(
    ctx,
    {
      method: "POST",
      url,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    },
    token,
    "X stream rules",
  );
  const parsed = XRulesChange.safeParse(parseJson(res.body));
  if (!parsed.success) throw new ConnectorError("X stream rules: unexpected answer", "transient");
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
