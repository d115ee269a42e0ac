// The browser's transport: Connect over fetch to our own BFF, never to FlyteAdmin.
import { createConnectTransport } from "@connectrpc/connect-web";
import { withBasePath } from "@/lib/flyte/urls";

export const BFF_BASE_URL = withBasePath("/api/connect");

export function createBrowserTransport(baseUrl: string = BFF_BASE_URL) {
  // Binary protobuf: node-execution lists of big workflows decode several times faster than JSON.
  return createConnectTransport({ baseUrl, useBinaryFormat: true });
}
