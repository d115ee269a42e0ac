// Authentication and authorization of gRPC (and REST gateway) calls with auth on, as FlyteAdmin's
// interceptors do (auth/handlers.go GetAuthenticationInterceptor, GetAuthenticationCustomMetadataInterceptor,
// auth/interceptor.go BlanketAuthorization): `authorization: Bearer <access token>` or `IDToken <ID token>`
// (or FlyteAdmin's `flyte-authorization` header), else Unauthenticated. AuthMetadataService is anonymous,
// as there. The verified identity reaches the services through the call's context values. On top,
// the sandbox's read-only people get PermissionDenied for anything but reads (FlyteAdmin's RBAC answers
// the same code; its message is empty, the sandbox's says what was refused).
import { Code, ConnectError, createContextKey, type HandlerContext, type Interceptor } from "@connectrpc/connect";
import { AuthMetadataService } from "@/lib/gen/flyteidl/service/auth_pb";
import type { SandboxAuth } from "./index";
import { TokenError, type Identity } from "./tokens";
import { GROUP_FOR } from "./users";

/** The verified caller of a call; undefined with auth off (and for AuthMetadataService). */
export const CALLER = createContextKey<Identity | undefined>(undefined, { description: "sandbox: the authenticated caller" });

export function callerOf(context: HandlerContext | undefined): Identity | undefined {
  return context?.values.get(CALLER);
}

const ANONYMOUS_SERVICES = new Set([AuthMetadataService.typeName]);

/** What a read-only person may not do, in words, by method. */
const REFUSED_ACTION: Record<string, string> = {
  CreateExecution: "launch executions",
  RelaunchExecution: "relaunch executions",
  RecoverExecution: "recover executions",
  TerminateExecution: "terminate executions",
  UpdateExecution: "archive or unarchive executions",
  UpdateNamedEntity: "archive or describe workflows, tasks and launch plans",
  UpdateLaunchPlan: "activate or deactivate launch plans",
  SetSignal: "approve, reject or set signals",
};

function isRead(method: string): boolean {
  return (method.startsWith("Get") || method.startsWith("List") || method === "UserInfo") && method !== "GetOrCreateSignal";
}

function unauthenticated(message: string): ConnectError {
  return new ConnectError(message, Code.Unauthenticated);
}

async function authenticate(auth: SandboxAuth, header: Headers): Promise<Identity> {
  const value = header.get("authorization") || header.get("flyte-authorization");
  if (!value) {
    throw unauthenticated(
      `authentication required: send "authorization: Bearer <access token>" or "authorization: IDToken <ID token>" (sign in at ${auth.tokens.issuer}/login)`,
    );
  }
  const match = /^(\S+)\s+(\S+)$/.exec(value.trim());
  const scheme = match?.[1].toLowerCase();
  try {
    if (scheme === "bearer") return await auth.tokens.verifyAccessToken(match![2]);
    if (scheme === "idtoken") {
      const info = header.get("userinfo-bin");
      return await auth.tokens.verifyIdToken(match![2], info ? Buffer.from(info, "base64").toString("utf8") : undefined);
    }
  } catch (err) {
    if (err instanceof TokenError) throw unauthenticated(err.message);
    throw err;
  }
  throw unauthenticated('the authorization header is neither "Bearer <access token>" nor "IDToken <ID token>"');
}

function authorize(identity: Identity, method: string): void {
  if (isRead(method) || identity.groups.includes(GROUP_FOR.write)) return;
  const who = identity.userInfo.name ? `${identity.userInfo.name} (${identity.subject})` : identity.subject;
  const what = REFUSED_ACTION[method] ?? `call ${method}`;
  throw new ConnectError(`${who} has read-only access and may not ${what}`, Code.PermissionDenied);
}

/** Goes after the fault interceptor, so refused calls are counted in /_sandbox/stats like any other. */
export function authInterceptor(auth: SandboxAuth): Interceptor {
  return (next) => async (req) => {
    if (ANONYMOUS_SERVICES.has(req.service.typeName)) return next(req);
    const identity = await authenticate(auth, req.header);
    authorize(identity, req.method.name);
    req.contextValues.set(CALLER, identity);
    return next(req);
  };
}
