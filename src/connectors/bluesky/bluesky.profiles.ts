// Handles for DIDs. Jetstream names a post's author by DID only; the Post model and the post's link want
// the handle, so the authors of matching posts are looked up in batches with app.bsky.actor.getProfiles.
import type { ConnectorContext } from "../connector.ts";
import { BlueskyGetProfilesOutput, BlueskyProfileViewBasic } from "./bluesky.schema.ts";
import { bodyLimit, readXrpcJson } from "./bluesky.xrpc.ts";

/** What a post needs of its author; `handle` is the DID when it could not be resolved (`handle.invalid` is mapped to the DID). */
export interface AuthorProfile {
  handle: string;
  displayName?: string;
  createdAt?: string;
}

/** Looks up the profiles of some DIDs; never throws except when the connection is aborted. */
export type ProfileLookup = (dids: readonly string[]) => Promise<Map<string, AuthorProfile>>;

/** getProfiles takes at most 25 actors per call (app.bsky.actor.getProfiles Lexicon, `actors` maxLength 25). */
const actorsPerCall = 25;
/** Profiles remembered per connection; the oldest are forgotten first. */
const maxCached = 5_000;
const lookupTimeoutMs = 10_000;

/**
 * A lookup against the AppView at `serviceUrl` (public, no account needed) that remembers what it found
 * for the life of one connection. When a call fails, its DIDs are returned as their own handles and
 * asked again with the next batch: a post is never held back for its author's name.
 */
export function profileLookup(serviceUrl: string, ctx: ConnectorContext): ProfileLookup {
  const cache = new Map<string, AuthorProfile>();
  const fetchChunk = async (dids: readonly string[]) => {
    const url = new URL("/xrpc/app.bsky.actor.getProfiles", serviceUrl);
    for (const did of dids) url.searchParams.append("actors", did);
    const what = "Bluesky getProfiles";
    const res = await ctx.request(
      { method: "GET", url: url.toString(), headers: { accept: "application/json" } },
      { bodyLimit, timeoutMs: lookupTimeoutMs },
    );
    const answer = BlueskyGetProfilesOutput.safeParse(readXrpcJson(res, what, ctx.now()));
    if (!answer.success) throw new Error(`${what}: the answer is not a list of profiles`);
    const found = new Map<string, AuthorProfile>();
    for (const item of answer.data.profiles) {
      const profile = BlueskyProfileViewBasic.safeParse(item).data;
      if (!profile) continue;
      found.set(profile.did, {
        handle: profile.handle,
        ...(profile.displayName !== undefined && { displayName: profile.displayName }),
        ...(profile.createdAt !== undefined && { createdAt: profile.createdAt }),
      });
    }
    // A DID the AppView does not know (a deleted or taken-down account) keeps its DID, and is not asked again.
    for (const did of dids) remember(did, found.get(did) ?? { handle: did });
  };
  const remember = (did: string, profile: AuthorProfile) => {
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value ?? "");
    cache.set(did, profile);
  };

  return async (dids) => {
    const missing = [...new Set(dids)].filter((did) => !cache.has(did));
    for (let start = 0; start < missing.length; start += actorsPerCall) {
      ctx.signal.throwIfAborted();
      try {
        await fetchChunk(missing.slice(start, start + actorsPerCall));
      } catch {
        ctx.signal.throwIfAborted();
        // The AppView is down or refuses: the rest of this batch goes out with DIDs, without more calls.
        break;
      }
    }
    return new Map(dids.map((did) => [did, cache.get(did) ?? { handle: did }]));
  };
}
