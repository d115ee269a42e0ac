"use client";

import type { NodeExecution, NodeExecutionGetDataResponse } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { isTopLevelNodeExecution } from "@/lib/flyte/node-spec";
import { flyteRemoteNodeSnippet, nodeDataFlyteUrls } from "@/lib/flyte/remote-snippet";
import { DataActions } from "@/components/literals/data-actions";

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
    <DataActions
      testId={`node-${which}-actions`}
      rows={rows}
      buttons={[{ label: "Copy FlyteRemote snippet", text: () => flyteRemoteNodeSnippet(id, { topLevel: isTopLevelNodeExecution(nodeExecution), urls }) }]}
    />
  );
}
