"use client";

import type { NodeExecutionGetDataResponse } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { LiteralMapView } from "@/components/literals/literal-map-view";

/** A node's inputs or outputs, rendered by the one literal codec. */
export function NodeData({ which, data }: { which: "inputs" | "outputs"; data: NodeExecutionGetDataResponse }) {
  const map = which === "inputs" ? data.fullInputs : data.fullOutputs;
  const blob = which === "inputs" ? data.inputs : data.outputs;
  if (!map || Object.keys(map.literals).length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid={`node-${which}-empty`}>
        {blob?.url ? (
          <>
            Stored at <span className="font-mono break-all">{blob.url}</span> ({blob.bytes.toString()} bytes).
          </>
        ) : which === "inputs" ? (
          "This node takes no inputs."
        ) : (
          "No outputs (yet)."
        )}
      </p>
    );
  }
  return (
    <div data-testid={`node-${which}`}>
      <LiteralMapView literals={map} />
    </div>
  );
}
