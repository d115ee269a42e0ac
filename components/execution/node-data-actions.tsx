"use client";

import type { NodeExecution, NodeExecutionGetDataResponse } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { isTopLevelNodeExecution } from "@/lib/flyte/node-spec";
import { flyteRemoteNodeSnippet, nodeDataFlyteUrls } from "@/lib/flyte/remote-snippet";
import { CopyButton } from "@/components/literals/copy-button";

/** Where FlyteAdmin stored a node's inputs or outputs (its storage URI), if it says. */
export function nodeDataUri(ne: NodeExecution, which: "inputs" | "outputs", data: NodeExecutionGetDataResponse | undefined): string {
  if (which === "inputs") return data?.inputs?.url || ne.inputUri;
  const result = ne.closure?.outputResult;
  return data?.outputs?.url || (result?.case === "outputUri" ? result.value : "");
}

/** Copy actions for a node's data: its storage URI, its flyte:// URI and a FlyteRemote snippet that loads it. */
export function NodeDataActions({ nodeExecution, which, data }: { nodeExecution: NodeExecution; which: "inputs" | "outputs"; data: NodeExecutionGetDataResponse | undefined }) {
  const id = nodeExecution.id!;
  const uri = nodeDataUri(nodeExecution, which, data);
  const urls = data?.flyteUrls?.inputs && data.flyteUrls.outputs ? { inputs: data.flyteUrls.inputs, outputs: data.flyteUrls.outputs } : nodeDataFlyteUrls(id);
  const noun = which === "inputs" ? "input" : "output";
  const rows = [
    ...(uri ? [{ label: "Storage URI", value: uri, copy: `Copy ${noun} URI` }] : []),
    { label: "Flyte URI", value: urls[which], copy: `Copy ${noun} flyte:// URI` },
  ];
  return (
    <div data-testid={`node-${which}-actions`} className="space-y-1 rounded border border-slate-200 bg-white p-2 text-xs">
      <dl className="grid grid-cols-[max-content_1fr_max-content] items-baseline gap-x-2 gap-y-1">
        {rows.map((r) => (
          <div key={r.label} className="contents">
            <dt className="text-slate-500">{r.label}</dt>
            <dd className="min-w-0 break-all font-mono text-slate-800" data-testid="data-uri">
              {r.value}
            </dd>
            <dd>
              <CopyButton text={() => r.value} label={r.copy} />
            </dd>
          </div>
        ))}
      </dl>
      <CopyButton
        text={() => flyteRemoteNodeSnippet(id, { topLevel: isTopLevelNodeExecution(nodeExecution), urls })}
        label="Copy FlyteRemote snippet"
        caption="Copy FlyteRemote snippet"
        className="border border-slate-300 bg-white text-indigo-700"
      />
    </div>
  );
}
