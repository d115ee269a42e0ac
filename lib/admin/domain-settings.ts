// ConsoleService.GetDomainSettings: a project domain's matchable attributes, one upstream
// GetProjectDomainAttributes per asked resource, run together. NotFound from FlyteAdmin means nothing is
// set (its defaults apply), so it is an answer here; errors that concern the whole call (sign-in, FlyteAdmin
// unreachable, deadline) fail the call, and anything else is reported against its resource.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import { MatchableResource, MatchableResourceSchema } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import {
  DomainSettingSchema,
  GetDomainSettingsResponseSchema,
  type DomainSetting,
  type GetDomainSettingsRequest,
  type GetDomainSettingsResponse,
} from "@/lib/gen/flyteconsole/v1/console_pb";
import { credentialsFor, signInError } from "./credentials";
import { upstreamError } from "./errors";
import { withSignIn } from "./session/sign-in";
import type { Upstream } from "./upstream";

const MAX_RESOURCES = 16;
const WHOLE_CALL = new Set([Code.Unauthenticated, Code.Unavailable, Code.DeadlineExceeded, Code.Canceled]);

function checked(req: GetDomainSettingsRequest): void {
  if (!req.project || !req.domain) throw new ConnectError("project and domain are required", Code.InvalidArgument);
  const types = req.resourceTypes;
  if (types.length === 0 || types.length > MAX_RESOURCES) {
    throw new ConnectError(`resource_types must name 1 to ${MAX_RESOURCES} resources, got ${types.length}`, Code.InvalidArgument);
  }
  const known = new Set(MatchableResourceSchema.values.map((v) => v.number));
  const unknown = types.find((t) => !known.has(t));
  if (unknown !== undefined) throw new ConnectError(`resource_types: ${unknown} is not a MatchableResource`, Code.InvalidArgument);
  if (new Set(types).size !== types.length) throw new ConnectError("resource_types: each resource at most once", Code.InvalidArgument);
}

export async function getDomainSettings(up: Upstream, req: GetDomainSettingsRequest, ctx: HandlerContext): Promise<GetDomainSettingsResponse> {
  checked(req);
  const credentials = credentialsFor(ctx.requestHeader, up.config);
  if (!credentials.ok) throw signInError(credentials, up.config.signIn);
  const deadline = Math.min(ctx.timeoutMs() ?? Infinity, up.config.deadlineMs);
  const one = async (resourceType: MatchableResource): Promise<DomainSetting> => {
    try {
      const res = await up.admin.getProjectDomainAttributes(
        { project: req.project, domain: req.domain, resourceType },
        { headers: credentials.headers, timeoutMs: deadline, signal: ctx.signal },
      );
      return create(DomainSettingSchema, { resourceType, attributes: res.attributes });
    } catch (err) {
      const ce = upstreamError(err, up.config.endpoint, up.config.tls);
      if (ce.code === Code.NotFound) return create(DomainSettingSchema, { resourceType });
      if (WHOLE_CALL.has(ce.code)) throw withSignIn(ce, up.config.signIn);
      return create(DomainSettingSchema, { resourceType, error: `${Code[ce.code]}: ${ce.rawMessage}` });
    }
  };
  return create(GetDomainSettingsResponseSchema, { settings: await Promise.all(req.resourceTypes.map(one)) });
}
