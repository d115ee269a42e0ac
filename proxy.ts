// Every page request passes here first (Next's proxy, on the Node.js runtime): canonical URLs, and with
// sign-in on, the redirect to FlyteAdmin's /login. lib/admin/page-proxy.ts does both.
import type { NextRequest } from "next/server";
import { handlePageRequest, pageSettings } from "@/lib/admin/page-proxy";

const defaultDomain = process.env.FLYTE_CONSOLE_DEFAULT_DOMAIN || "development";

export function proxy(request: NextRequest) {
  return handlePageRequest(request, { settings: pageSettings(), defaultDomain });
}

// Every page path, but not the BFF, logs and stats routes, probes or assets (the icon, public/robots.txt).
// "/" on its own: with a base path, the second pattern only matches below it (`/console/…`), not the
// projects page `/console`.
export const config = { matcher: ["/", "/((?!api/|_next/|healthz|livez|readyz|icon|robots.txt).*)"] };
