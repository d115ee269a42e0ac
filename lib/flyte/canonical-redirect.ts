// Old and alternative spellings of a console URL answered with a redirect to the canonical one.
import { consolePath, parseConsolePath, toSearchParams, type PageRoute, type QueryInput } from "./urls";

function sameUrl(pathname: string, search: QueryInput, target: string): boolean {
  const [targetPath, targetQuery = ""] = target.split("?", 2);
  const decode = (p: string) => p.split("/").map(decodeURIComponent).join("\u0000");
  if (decode(pathname) !== decode(targetPath)) return false;
  const pairs = (q: QueryInput) =>
    [...toSearchParams(q)].map(([k, v]) => `${k}=${v}`).sort().join("&");
  return pairs(search) === pairs(targetQuery);
}

/**
 * The canonical URL for an old or alternative form (for a 308 redirect), or null when the URL is
 * already canonical or names no page.
 */
export function canonicalRedirect(
  pathname: string,
  search: QueryInput = "",
  options: { defaultDomain?: string } = {},
): string | null {
  const route = parseConsolePath(pathname, search);
  if (route.page === "notFound") return null;
  const target = consolePath(options.defaultDomain ? withDefaultDomain(route, options.defaultDomain) : route, search);
  return sameUrl(pathname, search, target) ? null : target;
}

/**
 * Fills in a domain where an old link left it out, so the page it names exists: a project's own
 * page is its executions in that domain.
 */
export function withDefaultDomain(route: PageRoute, defaultDomain: string): PageRoute {
  if (route.page === "project") return { page: "executions", project: route.project, domain: route.domain ?? defaultDomain };
  if ((route.page === "executions" || route.page === "entities") && route.domain === undefined) {
    return { ...route, domain: defaultDomain };
  }
  return route;
}
