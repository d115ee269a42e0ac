// Old and alternative console URLs (flytekit's, FlyteAdmin's, the old console's `?domain=`
// forms) are redirected to the one canonical path of their page. lib/flyte/urls decides.
import { NextResponse, type NextRequest } from "next/server";
import { canonicalRedirect } from "@/lib/flyte/urls";

const defaultDomain = process.env.FLYTE_CONSOLE_DEFAULT_DOMAIN || "development";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const target = canonicalRedirect(pathname, search, { defaultDomain });
  return target ? NextResponse.redirect(new URL(target, request.url), 308) : NextResponse.next();
}

export const config = { matcher: ["/console/:path*", "/projects/:path*", "/select-project"] };
