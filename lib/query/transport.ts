// The browser's transport: Connect over fetch to our own BFF, never to FlyteAdmin.
import { createConnectTransport } from "@connectrpc/connect-web";

export const BFF_BASE_URL = "/api/connect";

export function createBrowserTransport(baseUrl: string = BFF_BASE_URL) {
  // Binary protobuf: node-execution lists of big workflows decode several times faster than JSON.
  return createConnectTransport({ baseUrl, useBinaryFormat: true });
}
