"use client";

import { useMemo } from "react";
import type { NodeExecutionGetDataResponse } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { literalToDisplay } from "@/lib/flyte/literals/display";
import { offloadedNodeData } from "@/lib/flyte/remote-data";
import { useDownloadLink, useReadOffloadedLiteral } from "@/lib/query/dataproxy";
import { LiteralMapView } from "@/components/literals/literal-map-view";
import type { LiteralAccess } from "@/components/literals/literal-tree";
import { OffloadedNodeData } from "./offloaded-node-data";

/** Opening what node data only points at: files through signed links, offloaded values through the console. */
function useLiteralAccess(): LiteralAccess {
  const openBlob = useDownloadLink();
  const readLiteral = useReadOffloadedLiteral();
  return useMemo(() => ({ openBlob, loadOffloaded: async (node) => literalToDisplay(await readLiteral(node.uri)) }), [openBlob, readLiteral]);
}

/** A node's inputs or outputs, rendered by the one literal codec. */
export function NodeData({ id, which, data }: { id: NodeExecutionIdentifier; which: "inputs" | "outputs"; data: NodeExecutionGetDataResponse }) {
  const access = useLiteralAccess();
  const offloaded = offloadedNodeData(data, which);
  if (offloaded) return <OffloadedNodeData id={id} which={which} offloaded={offloaded} access={access} />;
  const map = which === "inputs" ? data.fullInputs : data.fullOutputs;
  if (!map || Object.keys(map.literals).length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid={`node-${which}-empty`}>
        {which === "inputs" ? "This node takes no inputs." : "No outputs (yet)."}
      </p>
    );
  }
  return (
    <div data-testid={`node-${which}`}>
      <LiteralMapView literals={map} {...access} />
    </div>
  );
}
