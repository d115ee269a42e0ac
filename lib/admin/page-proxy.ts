// Server-only: what proxy.ts does with every page request, in order:
// 1. Old and alternative console URLs (flytekit's, FlyteAdmin's, the old console's `?domain=` forms)
//    are redirected to the one canonical path of their page (lib/flyte/urls decides).
// 2. With sign-in on, a signed-out browser goes to FlyteAdmin's /login straight to the canonical page
//    as redirect_url, one hop fewer; a sign-in that loops is stopped (session/page-sign-in decides).
// Next strips the base path (`/console`) from `nextUrl.pathname` and adds it back to redirects.
import { NextResponse, type NextRequest } from "next/server";
import { canonicalRedirect } from "@/lib/flyte/canonical-redirect";
import { readCredentialSettings } from "./config";
import type { CredentialSettings } from "./credentials";
import { log } from "./log";
import { pageSignIn } from "./session/page-sign-in";

const NO_STORE = { "cache-control": "no-store" };
const TEXT = { ...NO_STORE, "content-type": "text/plain; charset=utf-8" };

export interface PageProxyDeps {
  /** The sign-in settings, or why they cannot be read. */
  settings: CredentialSettings | Error;
  defaultDomain: string;
  nowMs?: number;
}

let cached: CredentialSettings | Error | undefined;
/** The process's sign-in settings, read once; an Error when they are invalid. */
export function pageSettings(): CredentialSettings | Error {
  if (!cached) {
    try {
      cached = readCredentialSettings();
    } catch (err) {
      cached = err instanceof Error ? err : new Error(String(err));
    }
  }
  return cached;
}

function redirectTo(request: NextRequest, path: string, search: string, status: 307 | 308) {
  const url = request.nextUrl.clone();
  url.pathname = path;
  url.search = search;
  return NextResponse.redirect(url, status);
}

export function handlePageRequest(request: NextRequest, deps: PageProxyDeps): NextResponse {
  const { pathname, search, basePath } = request.nextUrl;
  const target = canonicalRedirect(pathname, search, { defaultDomain: deps.defaultDomain });
  const [path, query = ""] = target ? target.split("?", 2) : [pathname, search.replace(/^\?/, "")];

  if (deps.settings instanceof Error) {
    // Not knowing whether sign-in is on, serve no page rather than one to anyone (/readyz says the same).
    return new NextResponse(`The console cannot serve pages: ${deps.settings.message}\n`, { status: 503, headers: TEXT });
  }
  const page = { url: request.url, headers: request.headers, basePath, pathname: path, search: query ? `?${query}` : "" };
  const verdict = pageSignIn(page, deps.settings, deps.nowMs);
  switch (verdict.kind) {
    case "redirect":
      return new NextResponse(null, { status: 307, headers: { ...NO_STORE, location: verdict.location } });
    case "refuse":
      return new NextResponse("Sign in to use the console\n", { status: verdict.status, headers: TEXT });
    case "stuck":
      log().warn({ reason: verdict.reason, detail: verdict.detail, path: `${basePath}${path}` }, "sign-in did not take: showing why instead of sending the browser to FlyteAdmin again");
      return new NextResponse(verdict.body, { status: verdict.status, headers: { ...NO_STORE, "content-type": "text/html; charset=utf-8" } });
    case "pass":
      if (verdict.cleanSearch !== undefined) return redirectTo(request, path, verdict.cleanSearch, 307);
      if (target) return redirectTo(request, path, query, 308);
      return NextResponse.next();
  }
}
