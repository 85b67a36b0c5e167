// Writing through the Meta Graph API (Facebook Pages and Instagram): one POST of form fields with the
// access token in the body, not the URL, so it never lands in a proxy's log; Graph's error object becomes
// the ConnectorError the sender understands (graph.client.ts classifies it as for reads).
import { z } from "zod";
import { type ConnectorContext, ConnectorError, jsonBody, sendWrite } from "../connector.ts";
import { graphFailure, redacted } from "./graph.client.ts";

/** What Graph answers to a created object: its id (Page feed: `{page-id}_{post-id}`). */
const Created = z.object({ id: z.string().min(1) });

/** POSTs form fields to `{base}/{node}/{edge}` and returns the new object's id. */
export async function graphCreate(
  ctx: ConnectorContext,
  req: {
    base: string;
    node: string;
    edge: string;
    fields: Record<string, string>;
    token: string;
    what: string;
  },
): Promise<string> {
  const url = `${req.base.replace(/\/+$/u, "")}/${encodeURIComponent(req.node)}/${encodeURIComponent(req.edge)}`;
  const body = new URLSearchParams({ ...req.fields, access_token: req.token }).toString();
  let created: unknown;
  try {
    const res = await sendWrite(
      ctx,
      {
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
      },
      req.what,
    );
    if (res.status < 200 || res.status >= 300) throw graphFailure(res, req.what, ctx.now());
    created = jsonBody(res, req.what);
  } catch (error) {
    throw error instanceof ConnectorError ? redacted(error, req.token) : error;
  }
  const parsed = Created.safeParse(created);
  if (!parsed.success) throw new ConnectorError(`${req.what}: the answer names no id`, "transient");
  return parsed.data.id;
}
