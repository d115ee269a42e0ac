// Failure groups as ConsoleService.GetFailureGroups carries them (Timestamps, enums, identifiers), and
// back into the view's shape (milliseconds, names). Pure.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { GetFailureGroupsResponseSchema, type GetFailureGroupsResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ExecutionError_ErrorKind } from "@/lib/gen/flyteidl/core/execution_pb";
import { timestampMs } from "../time";
import type { FailureGroups } from "./groups";
import type { ErrorKindName } from "./signature";

const KIND_TO_WIRE: Record<ErrorKindName, ExecutionError_ErrorKind> = {
  USER: ExecutionError_ErrorKind.USER,
  SYSTEM: ExecutionError_ErrorKind.SYSTEM,
  UNKNOWN: ExecutionError_ErrorKind.UNKNOWN,
};
const kindFromWire = (k: ExecutionError_ErrorKind): ErrorKindName =>
  k === ExecutionError_ErrorKind.USER ? "USER" : k === ExecutionError_ErrorKind.SYSTEM ? "SYSTEM" : "UNKNOWN";

export function failureGroupsToWire(g: FailureGroups, scope: { project: string; domain: string }): GetFailureGroupsResponse {
  return create(GetFailureGroupsResponseSchema, {
    groups: g.groups.map((x) => ({
      signature: x.key,
      kind: KIND_TO_WIRE[x.kind],
      code: x.code,
      exceptionType: x.exceptionType,
      message: x.message,
      count: x.count,
      firstSeen: timestampFromMs(x.firstSeenMs),
      lastSeen: timestampFromMs(x.lastSeenMs),
      workflows: x.workflows,
      nodes: x.nodes,
      examples: x.examples.map((e) => ({
        id: { project: scope.project, domain: scope.domain, name: e.name },
        phase: e.phase,
        workflow: e.workflow,
        failedAt: timestampFromMs(e.failedMs),
        nodeId: e.nodeId ?? "",
        headline: e.headline,
      })),
    })),
    scanned: g.scanned,
    truncated: g.truncated,
    coveredFrom: g.coveredFromMs === undefined ? undefined : timestampFromMs(g.coveredFromMs),
    omittedGroups: g.omittedGroups,
  });
}

export function failureGroupsFromWire(res: GetFailureGroupsResponse): FailureGroups {
  const coveredFromMs = timestampMs(res.coveredFrom);
  return {
    groups: res.groups.map((x) => ({
      key: x.signature,
      kind: kindFromWire(x.kind),
      code: x.code,
      exceptionType: x.exceptionType,
      message: x.message,
      count: x.count,
      firstSeenMs: timestampMs(x.firstSeen) ?? 0,
      lastSeenMs: timestampMs(x.lastSeen) ?? 0,
      workflows: x.workflows.map((w) => ({ name: w.name, count: w.count })),
      nodes: x.nodes.map((n) => ({ name: n.name, count: n.count })),
      examples: x.examples.map((e) => ({
        name: e.id?.name ?? "",
        phase: e.phase,
        workflow: e.workflow,
        failedMs: timestampMs(e.failedAt) ?? 0,
        ...(e.nodeId ? { nodeId: e.nodeId } : {}),
        headline: e.headline,
      })),
    })),
    scanned: res.scanned,
    truncated: res.truncated,
    ...(coveredFromMs === undefined ? {} : { coveredFromMs }),
    omittedGroups: res.omittedGroups,
  };
}
