// Python that fetches an execution's or a node execution's data with flytekit's FlyteRemote, for a person to paste. Pure.
import type { NodeExecutionIdentifier, WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";

/** A Python string literal (JSON's escapes are Python's too). */
const py = (s: string) => JSON.stringify(s);

/**
 * FlyteAdmin's flyte:// URIs of a node's data (flyteadmin/pkg/common/flyte_url.go), which FlyteRemote.get
 * resolves through DataProxy: `flyte://v1/<project>/<domain>/<execution>/<node>/i` (inputs) and `/o` (outputs).
 */
export function nodeDataFlyteUrls(id: NodeExecutionIdentifier): { inputs: string; outputs: string } {
  const e = id.executionId;
  const base = `flyte://v1/${e?.project}/${e?.domain}/${e?.name}/${id.nodeId}`;
  return { inputs: `${base}/i`, outputs: `${base}/o` };
}

function remoteHead(project: string, domain: string): string[] {
  return [
    "from flytekit.configuration import Config",
    "from flytekit.remote import FlyteRemote",
    "",
    "# Config.auto() reads ~/.flyte/config.yaml or the FLYTE_* environment variables.",
    `remote = FlyteRemote(Config.auto(), default_project=${py(project)}, default_domain=${py(domain)})`,
  ];
}

/** A snippet that loads an execution's inputs and outputs (fetch_execution syncs them, typed). */
export function flyteRemoteExecutionSnippet(id: Pick<WorkflowExecutionIdentifier, "project" | "domain" | "name">): string {
  return [
    ...remoteHead(id.project, id.domain),
    `execution = remote.fetch_execution(project=${py(id.project)}, domain=${py(id.domain)}, name=${py(id.name)})`,
    "inputs = execution.inputs",
    "outputs = execution.outputs  # raises until the execution has succeeded",
    "",
  ].join("\n");
}

/**
 * A snippet that loads this node execution's inputs and outputs. A top-level node is read from the synced
 * execution (typed, works with any FlyteAdmin); a node inside a sub-workflow, branch or dynamic node by its
 * flyte:// URIs, which name it whatever its depth.
 */
export function flyteRemoteNodeSnippet(id: NodeExecutionIdentifier, opts: { topLevel: boolean; urls?: { inputs: string; outputs: string } }): string {
  const e = id.executionId;
  const head = remoteHead(e?.project ?? "", e?.domain ?? "");
  if (opts.topLevel) {
    return [
      ...head,
      `execution = remote.fetch_execution(name=${py(e?.name ?? "")})`,
      "execution = remote.sync_execution(execution, sync_nodes=True)",
      `node = execution.node_executions[${py(id.nodeId)}]`,
      "inputs = node.inputs",
      "outputs = node.outputs  # raises until the node has succeeded",
      "",
    ].join("\n");
  }
  const urls = opts.urls?.inputs && opts.urls.outputs ? opts.urls : nodeDataFlyteUrls(id);
  return [...head, `inputs = remote.get(${py(urls.inputs)})`, `outputs = remote.get(${py(urls.outputs)})`, ""].join("\n");
}
