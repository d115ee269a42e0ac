// Old and alternative console URLs (flytekit's, FlyteAdmin's, the old console's `?domain=`
// forms) are redirected to the one canonical path of their page. lib/flyte/urls decides.
// Next strips the base path (`/console`) from `nextUrl.pathname` and adds it back to the redirect.
import { NextResponse, type NextRequest } from "next/server";
import { canonicalRedirect } from "@/lib/flyte/urls";

const defaultDomain = process.env.FLYTE_CONSOLE_DEFAULT_DOMAIN || "development";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const target = canonicalRedirect(pathname, search, { defaultDomain });
  if (!target) return NextResponse.next();
  const url = request.nextUrl.clone();
  const [path, query = ""] = target.split("?", 2);
  url.pathname = path;
  url.search = query;
  return NextResponse.redirect(url, 308);
}

// Every page path, but not the BFF, logs and stats routes, probes or assets.
export const config = { matcher: ["/((?!api/|_next/|healthz|livez|readyz|icon).*)"] };
