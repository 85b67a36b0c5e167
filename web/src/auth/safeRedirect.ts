/** Where to go after sign-in: the wanted in-app path, never another origin (no open redirect). */
export function safeRedirect(target: string | null | undefined, fallback = "/overview"): string {
  // "//host" and "/\host" are protocol-relative URLs to another origin in browsers.
  if (!target?.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (target === "/login" || target.startsWith("/login?") || target.startsWith("/api/")) return fallback;
  return target;
}
