/**
 * The public profile address of an account, built from its platform and handle as the platforms
 * document them; null for sources without profiles (feeds, imports, scenarios) or handles that do not fit.
 */
export function profileUrlFor(platform: string, handle: string): string | null {
  const bare = handle.trim().replace(/^@/u, "");
  if (bare === "" || /[\s/?#]/u.test(bare)) return null;
  const h = encodeURIComponent(bare);
  switch (platform) {
    case "mastodon": {
      // Fediverse handles are user@instance; the profile lives on the instance (https://docs.joinmastodon.org/).
      const [user, instance] = bare.split("@");
      if (!user || !instance || !/^[a-z0-9.-]+\.[a-z]{2,}$/iu.test(instance)) return null;
      return `https://${instance.toLowerCase()}/@${encodeURIComponent(user)}`;
    }
    case "bluesky":
      return `https://bsky.app/profile/${h}`;
    case "x":
      return `https://x.com/${h}`;
    case "youtube":
      return `https://www.youtube.com/@${h}`;
    case "instagram":
      return `https://www.instagram.com/${h}/`;
    case "facebook":
      return `https://www.facebook.com/${h}`;
    case "reddit":
      return `https://www.reddit.com/user/${h}/`;
    default:
      return null;
  }
}
