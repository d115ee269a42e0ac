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

/** Where FlyteAdmin says it offloaded a node's inline inputs (the same helper, "offloaded_inputs"). */
export function offloadedInputsUri(id: WorkflowExecutionIdentifier | undefined, nodeId: string): string {
  return offloadedOutputsUri(id, nodeId).replace(/offloaded_outputs$/, "offloaded_inputs");
}

/** The execution (and node) whose inputs or outputs `uri` names, if it is one of offloadedOutputsUri's or offloadedInputsUri's. */
export function parseOffloadedDataUri(
  uri: string,
): { io: "inputs" | "outputs"; project: string; domain: string; name: string; nodeId?: string } | undefined {
  const m = /\/offloaded_(inputs|outputs)$/.exec(uri);
  if (!uri.startsWith(`${STORAGE_PREFIX}/`) || !m) return undefined;
  const io = m[1] as "inputs" | "outputs";
  const parts = uri.slice(STORAGE_PREFIX.length + 1, -m[0].length).split("/");
  // Inputs are offloaded per node only (an execution's inputs are its own record).
  if (parts.length !== 4 && (io === "inputs" || parts.length !== 3)) return undefined;
  try {
    const [project, domain, name, nodeId] = parts.map(decodeURIComponent);
    return { io, project, domain, name, ...(nodeId !== undefined ? { nodeId } : {}) };
  } catch {
    return undefined;
  }
}
