// DataProxyService for the sandbox's own data, as flyteadmin/dataproxy/service.go answers: signed
// download links (a node's deck; any native URL, deprecated), GetData for flyte:// URLs; uploads are
// not offered. FlyteAdmin's codes are kept even where surprising: an unknown node execution is
// InvalidArgument, a node without a deck is Internal.
import { create, toJsonString } from "@bufbuild/protobuf";
import { timestampFromMs, type Duration } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { TaskExecutionIdentifierSchema, type NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import {
  ArtifactType,
  CreateDownloadLinkRequestSchema,
  CreateDownloadLinkResponseSchema,
  CreateDownloadLocationResponseSchema,
  GetDataResponseSchema,
  type CreateDownloadLinkRequest,
  type CreateDownloadLinkResponse,
  type DataProxyService,
  type GetDataResponse,
} from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { getNodeExecutionData } from "../store/nodeExecutions";
import { getTaskExecution, getTaskExecutionData, listTaskExecutions } from "../store/taskExecutions";
import type { SandboxContext } from "./context";
import { invalidArgument } from "./errors";
import { parseFlyteUrl, type FlyteUrlIo } from "./flyteUrl";
import { mustGetNodeExecution } from "./nodeExecutions";
import { inlineData } from "./remoteData";
import { signLink } from "./signedLinks";

/** FlyteAdmin's dataproxy.download.maxExpiresIn default, also the expiry when none is asked for. */
export const MAX_DOWNLOAD_EXPIRES_MS = 3_600_000;
const MAX_DURATION_SECONDS = 315_576_000_000n;

/** Go's time.Duration.String() for whole-millisecond durations, as FlyteAdmin's messages print them. */
export function goDuration(ms: number): string {
  if (ms === 0) return "0s";
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = (rest / 1000).toString();
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

/** flyteadmin/dataproxy validateDuration: absent → the maximum; invalid, negative or too long → an error. */
function expiresInMs(input: Duration | undefined): number {
  if (!input) return MAX_DOWNLOAD_EXPIRES_MS;
  const { seconds, nanos } = input;
  const valid =
    seconds >= -MAX_DURATION_SECONDS && seconds <= MAX_DURATION_SECONDS && nanos > -1e9 && nanos < 1e9 && !(seconds > 0n && nanos < 0) && !(seconds < 0n && nanos > 0);
  if (!valid) throw new Error(`expiresIn is invalid. Error: input duration [seconds:${seconds} nanos:${nanos}] is invalid`);
  const ms = Number(seconds) * 1000 + Math.trunc(nanos / 1e6);
  if (ms < 0) throw new Error(`expiresIn is invalid. Error: input duration [${goDuration(ms)}] should not less than 0`);
  if (ms > MAX_DOWNLOAD_EXPIRES_MS) {
    throw new Error(`expiresIn is invalid. Error: input duration [${goDuration(ms)}] cannot exceed max allowed expiration [${goDuration(MAX_DOWNLOAD_EXPIRES_MS)}]`);
  }
  return ms;
}

function formatNodeId(id: NodeExecutionIdentifier): string {
  const e = id.executionId;
  return `node_id:${id.nodeId} execution_id:{project:${e?.project ?? ""} domain:${e?.domain ?? ""} name:${e?.name ?? ""}}`;
}

function createDownloadLink(ctx: SandboxContext, req: CreateDownloadLinkRequest): CreateDownloadLinkResponse {
  let ttl: number;
  try {
    ttl = expiresInMs(req.expiresIn);
    if (req.artifactType === ArtifactType.UNDEFINED) throw new Error("invalid artifact type [ARTIFACT_TYPE_UNDEFINED]");
    if (req.source.case === undefined) throw new Error("source is required. Provided nil");
  } catch (err) {
    throw invalidArgument(`error while validating request. Error: ${(err as Error).message}`);
  }
  const id = req.source.value;
  let node;
  try {
    node = mustGetNodeExecution(ctx.db, id);
  } catch (err) {
    throw invalidArgument(`failed to find node execution [${formatNodeId(id)}]. Error: ${ConnectError.from(err).rawMessage}`);
  }
  const deckUri = req.artifactType === ArtifactType.DECK ? (node.nodeExecution.closure?.deckUri ?? "") : "";
  if (!deckUri) {
    throw new ConnectError(`no deckUrl found for request [${toJsonString(CreateDownloadLinkRequestSchema, req)}]`, Code.Internal);
  }
  const expiresMs = ctx.now() + ttl;
  const exec = id.executionId!;
  const url = signLink(ctx, { kind: "deck", project: exec.project, domain: exec.domain, name: exec.name, nodeId: id.nodeId }, expiresMs);
  const expiresAt = timestampFromMs(expiresMs);
  return create(CreateDownloadLinkResponseSchema, { signedUrl: [url], expiresAt, preSignedUrls: { signedUrl: [url], expiresAt } });
}

function pick(map: LiteralMap | undefined, name: string, where: string): GetDataResponse {
  const lm = map ?? create(LiteralMapSchema);
  if (!name) return create(GetDataResponseSchema, { data: { case: "literalMap", value: lm } });
  const literal = lm.literals[name];
  if (!literal) throw invalidArgument(`name [${name}] not found in ${where}`);
  return create(GetDataResponseSchema, { data: { case: "literal", value: literal } });
}

function ioOf(data: { inputs?: LiteralMap; outputs?: LiteralMap }, io: Exclude<FlyteUrlIo, "d">): LiteralMap | undefined {
  return io === "i" ? data.inputs : data.outputs;
}

export function dataProxyService(ctx: SandboxContext): Partial<ServiceImpl<typeof DataProxyService>> {
  return {
    createUploadLocation() {
      throw new ConnectError("the sandbox does not accept uploads (CreateUploadLocation): it has no blob store to write to", Code.Unimplemented);
    },

    createDownloadLink(req) {
      return createDownloadLink(ctx, req);
    },

    createDownloadLocation(req) {
      let ttl: number;
      try {
        ttl = expiresInMs(req.expiresIn);
      } catch (err) {
        throw invalidArgument(`error while validating request: ${(err as Error).message}`);
      }
      const expiresMs = ctx.now() + ttl;
      return create(CreateDownloadLocationResponseSchema, {
        signedUrl: signLink(ctx, { kind: "url", url: req.nativeUrl }, expiresMs),
        expiresAt: timestampFromMs(expiresMs),
      });
    },

    getData(req) {
      const url = req.flyteUrl;
      const invalid = (why: string) => invalidArgument(`failed to validate resolve artifact request. Error: ${why}`);
      if (!url) throw invalid("source is required. Provided empty string");
      if (!url.startsWith("flyte://")) throw invalid("request does not start with the correct prefix");
      const parsed = parseFlyteUrl(url);
      if (!parsed) throw invalidArgument(`failed to parse artifact url Error: failed to parse [${url}]`);
      const nodeId: NodeExecutionIdentifier = {
        $typeName: "flyteidl.core.NodeExecutionIdentifier",
        nodeId: parsed.nodeId,
        executionId: { $typeName: "flyteidl.core.WorkflowExecutionIdentifier", org: parsed.org, project: parsed.project, domain: parsed.domain, name: parsed.name },
      };
      const node = mustGetNodeExecution(ctx.db, nodeId);
      if (parsed.attempt === undefined) {
        if (parsed.io === "d") {
          const link = createDownloadLink(ctx, create(CreateDownloadLinkRequestSchema, { artifactType: ArtifactType.DECK, source: { case: "nodeExecutionId", value: nodeId } }));
          return create(GetDataResponseSchema, { data: { case: "preSignedUrls", value: link.preSignedUrls! } });
        }
        // Read through GetNodeExecutionData as FlyteAdmin does, so data over its size limit comes back empty.
        const data = inlineData(ctx, ioOf(getNodeExecutionData(ctx.db, node.rowId), parsed.io));
        return pick(data, parsed.literalName, `node execution [${formatNodeId(nodeId)}]`);
      }
      const { taskExecutions } = listTaskExecutions(ctx.db, {
        executionRowId: node.executionRowId,
        nodeId: parsed.nodeId,
        filters: `eq(retry_attempt,${parsed.attempt})`,
        limit: 1,
        token: "",
      });
      if (taskExecutions.length === 0) throw invalidArgument(`no task executions were listed [${formatNodeId(nodeId)}]`);
      if (parsed.io === "d") throw invalidArgument("deck type cannot be specified with a retry attempt, just use the node instead");
      const taskId = create(TaskExecutionIdentifierSchema, taskExecutions[0].id);
      const task = getTaskExecution(ctx.db, node.executionRowId, taskId);
      const data = task ? getTaskExecutionData(ctx.db, task.rowId) : {};
      return pick(ioOf(data, parsed.io), parsed.literalName, `task execution [${formatNodeId(nodeId)} retry_attempt:${parsed.attempt}]`);
    },
  };
}
