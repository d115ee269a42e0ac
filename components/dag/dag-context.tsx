"use client";

import { createContext, useContext } from "react";
import type { NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import type { GraphNodeKind } from "@/lib/flyte/graph/types";
import { nodePhase, type PhaseTone } from "@/lib/flyte/phases";
import { KeyedStore, useKeyed } from "./keyed-store";

export interface DagStores {
  overlay: KeyedStore<NodeOverlayEntry>;
  /** Holds `true` under the selected graph node id. */
  selection: KeyedStore<true>;
  select(graphNodeId: string): void;
  toggleGroup(graphNodeId: string): void;
}

export const DagContext = createContext<DagStores | null>(null);

export function useDag(): DagStores {
  const stores = useContext(DagContext);
  if (!stores) throw new Error("DAG node rendered outside <DagView>");
  return stores;
}

export function useDagActions() {
  const { select, toggleGroup } = useDag();
  return { select, toggleGroup };
}

export function useNodeOverlay(graphNodeId: string): NodeOverlayEntry | undefined {
  return useKeyed(useDag().overlay, graphNodeId);
}

export function useIsSelected(graphNodeId: string): boolean {
  return useKeyed(useDag().selection, graphNodeId) === true;
}

/** A drawn node's execution state, and the automation hooks every drawing of a node carries (README: Automation contract). */
export function useDrawnNode(graphNodeId: string, kind: GraphNodeKind) {
  const overlay = useNodeOverlay(graphNodeId);
  const selected = useIsSelected(graphNodeId);
  return { ...drawnNode(graphNodeId, kind, overlay), selected };
}

/** What useDrawnNode gives, for a drawing that reads the overlay itself (the overview of a large graph). */
export function drawnNode(graphNodeId: string, kind: GraphNodeKind, overlay: NodeOverlayEntry | undefined) {
  const started = overlay !== undefined;
  const phase = nodePhase(overlay?.phase ?? 0);
  // A gate that has started and not ended waits for someone (or its sleep): amber, like the gate's banner.
  const waiting = kind === "gate" && started && !phase.isTerminal;
  const tone: PhaseTone = waiting ? "waiting" : phase.tone;
  const hooks = {
    "data-testid": "dag-node",
    // FlyteAdmin's id once the node ran (FlytePropeller hashes long nested ids, so it can differ from the
    // graph's `${parent}-0-${spec}`); clicks and layout go by data-graph-id.
    "data-node-id": overlay?.nodeExecutionId ?? graphNodeId,
    "data-graph-id": graphNodeId,
    "data-phase": started ? phase.name : "UNDEFINED",
    "data-kind": kind,
  };
  return { overlay, started, phase, waiting, tone, hooks };
}
