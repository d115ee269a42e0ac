// The one connection to FlyteAdmin: a gRPC (HTTP/2) transport and typed clients.
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { IdentityService } from "@/lib/gen/flyteidl/service/identity_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { adminConfig, type AdminConfig } from "./config";
import { observeUpstream } from "./observe";

export interface Upstream {
  config: AdminConfig;
  transport: Transport;
  admin: Client<typeof AdminService>;
  signal: Client<typeof SignalService>;
  /** Who the caller is (UserInfo); never forwarded from the browser as is, only behind ConsoleService.GetSession. */
  identity: Client<typeof IdentityService>;
}

export function createUpstream(config: AdminConfig): Upstream {
  const transport = createGrpcTransport({
    baseUrl: config.baseUrl,
    // Keep one HTTP/2 session warm; FlyteAdmin behind a load balancer may close idle ones.
    pingIntervalMs: 30_000,
    idleConnectionTimeoutMs: 5 * 60_000,
    interceptors: [observeUpstream()],
    nodeOptions: config.tls?.nodeOptions,
  });
  return {
    config,
    transport,
    admin: createClient(AdminService, transport),
    signal: createClient(SignalService, transport),
    identity: createClient(IdentityService, transport),
  };
}

let shared: Upstream | undefined;
/** The process-wide upstream; one HTTP/2 session is shared by every browser request. */
export function upstream(): Upstream {
  shared ??= createUpstream(adminConfig());
  return shared;
}
