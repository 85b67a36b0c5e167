// Signing in to Bluesky with an app password. A PDS allows few logins (createSession: 30 per 5 minutes and
// 300 per day per account, docs.bsky.app "Rate Limits"; the bsky.social entryway is stricter still), so one
// login per poll would lock the account out within hours. The access token is therefore kept in this
// process's memory until shortly before it expires: never in the cursor, never on disk. A restart signs in
// again.
import { createHash } from "node:crypto";
import { type ConnectorContext, ConnectorError } from "../connector.ts";
import { BlueskySession } from "./bluesky.schema.ts";
import { readXrpcJson, timeoutMs } from "./bluesky.xrpc.ts";

interface CachedSession {
  accessJwt: string;
  /** Epoch ms after which the token is not used any more. */
  usableUntil: number;
}

// Few sources sign in at all; the bound only stops a stream of changed passwords from growing the map.
const maxSessions = 200;
/** Stop using a token this long before its `exp`. */
const expiryMarginMs = 60_000;
/** When the token's `exp` cannot be read. */
const fallbackLifetimeMs = 15 * 60_000;

const sessions = new Map<string, CachedSession>();

/** The account a source signs in with. */
export interface BlueskyLogin {
  pdsUrl: string;
  identifier: string;
  appPassword: string;
}

// The key covers the password, so a changed app password signs in anew instead of reusing the old token.
function sessionKey(login: BlueskyLogin): string {
  return createHash("sha256")
    .update(`${login.pdsUrl}\n${login.identifier}\n${login.appPassword}`)
    .digest("hex");
}

/** An access token for the account: the cached one while it lasts, else a new session. */
export async function accessToken(login: BlueskyLogin, ctx: ConnectorContext): Promise<string> {
  const key = sessionKey(login);
  const cached = sessions.get(key);
  if (cached && cached.usableUntil > ctx.now().getTime()) return cached.accessJwt;
  sessions.delete(key);

  const url = new URL("/xrpc/com.atproto.server.createSession", login.pdsUrl).toString();
  const body = JSON.stringify({ identifier: login.identifier, password: login.appPassword });
  ctx.signal.throwIfAborted();
  const res = await ctx.request(
    {
      method: "POST",
      url,
      headers: { "content-type": "application/json", accept: "application/json" },
      body,
    },
    { timeoutMs },
  );
  const what = "Bluesky sign-in";
  // 401 is a wrong identifier or password; 400 names AccountTakedown or AuthFactorTokenRequired (an account
  // password with two-factor sign-in instead of an app password). All of them need a person.
  if (res.status >= 400 && res.status < 500 && res.status !== 429) {
    const detail = res.body.slice(0, 200).replace(/\s+/gu, " ").trim();
    throw new ConnectorError(`${what}: HTTP ${res.status}${detail ? ` (${detail})` : ""}`, "auth");
  }
  const parsed = BlueskySession.safeParse(readXrpcJson(res, what, ctx.now()));
  if (!parsed.success) throw new ConnectorError(`${what}: the answer has no access token`, "transient");

  const { accessJwt } = parsed.data;
  const now = ctx.now().getTime();
  const expires = jwtExpiry(accessJwt);
  const usableUntil = expires !== undefined ? expires - expiryMarginMs : now + fallbackLifetimeMs;
  if (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value ?? "");
  sessions.set(key, { accessJwt, usableUntil });
  return accessJwt;
}

/** Drops the cached token, after the PDS refused it before its time. */
export function forgetSession(login: BlueskyLogin): void {
  sessions.delete(sessionKey(login));
}

/** The `exp` claim of a JWT in epoch ms, read without checking the signature (only the PDS checks it). */
export function jwtExpiry(jwt: string): number | undefined {
  const payload = jwt.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof claims !== "object" || claims === null || !("exp" in claims)) return undefined;
    return typeof claims.exp === "number" && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
