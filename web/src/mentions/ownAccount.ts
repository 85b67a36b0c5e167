import { isOfficialHandle, type OfficialAccount } from "../../../src/core/risk/risk.types.ts";
import type { PostRead } from "../../../src/posts/posts.schema.ts";

/**
 * Whether a post was written by one of the organisation's own accounts (the risk profile's registry of
 * official accounts; `@` and letter case do not matter, an account without a platform counts on every one).
 * Such posts are the organisation speaking: the escalation leaves them out and the risk engine scores them 0
 * as complaints and chances, so the list says whose they are. False while the registry is not loaded.
 */
export function isOwnPost(
  accounts: readonly OfficialAccount[] | undefined,
  post: Pick<PostRead, "platform" | "author">,
): boolean {
  return accounts !== undefined && isOfficialHandle(accounts, post.platform, post.author.handle);
}
