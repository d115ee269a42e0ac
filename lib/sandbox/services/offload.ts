// Where FlyteAdmin says it offloaded outputs that came inline with an event (its default
// InlineEventDataPolicy, flyteadmin/pkg/repositories/transformers/execution.go and node_execution.go:
// common.OffloadLiteralMap under <storage prefix>/<project>/<domain>/<name>[/<node>]/offloaded_outputs).
// The sandbox keeps the data in its store; the URI only names it.
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";

const STORAGE_PREFIX = "s3://flyte-sandbox/metadata";

export function offloadedOutputsUri(id: WorkflowExecutionIdentifier | undefined, nodeId?: string): string {
  const parts = [id?.project, id?.domain, id?.name, ...(nodeId ? [nodeId] : [])].map((p) => encodeURIComponent(p ?? ""));
  return `${STORAGE_PREFIX}/${parts.join("/")}/offloaded_outputs`;
}
