// The browser's transport: Connect over fetch to our own BFF, never to FlyteAdmin.
import { createConnectTransport } from "@connectrpc/connect-web";
import { withBasePath } from "@/lib/flyte/urls";
import { connectionHealth, connectionInterceptor, type ConnectionHealth } from "./connection";
import { handleUnauthenticated, markSessionWorked, signInInterceptor, type SignInEnv } from "./sign-in";

export const BFF_BASE_URL = withBasePath("/api/connect");

export function createBrowserTransport(baseUrl: string = BFF_BASE_URL, opts: { signInEnv?: SignInEnv; health?: ConnectionHealth } = {}) {
  return createConnectTransport({
    baseUrl,
    // Binary protobuf: node-execution lists of big workflows decode several times faster than JSON.
    useBinaryFormat: true,
    // Unauthenticated from any call, the live watch included, sends the browser to sign in.
    interceptors: [
      signInInterceptor(
        (e) => handleUnauthenticated(e, opts.signInEnv),
        () => markSessionWorked(opts.signInEnv),
      ),
      // Slow and failing calls feed the connection banner (components/shell/connection-banner.tsx).
      connectionInterceptor(opts.health ?? connectionHealth),
    ],
  });
}
