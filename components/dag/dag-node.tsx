"use client";

import { Handle, Position, useStore, type NodeProps, type Node } from "@xyflow/react";
import { memo } from "react";
import type { GraphNode } from "@/lib/flyte/graph/types";
import { nodePhase } from "@/lib/flyte/phases";
import { PhaseIcon, toneClass } from "@/components/ui/phase-badge";
import { useDagActions, useIsSelected, useNodeOverlay } from "./dag-context";

export type FlyteNodeData = { node: GraphNode };
export type FlyteFlowNode = Node<FlyteNodeData, "flyte" | "group">;

/** Below this zoom, nodes are drawn as plain coloured boxes: thousands stay smooth. */
const DETAIL_ZOOM = 0.45;
const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < DETAIL_ZOOM;

const KIND_LABEL: Record<string, string> = {
  subworkflow: "sub-workflow",
  launchplan: "launch plan",
  branch: "branch",
  gate: "gate",
  array: "map",
  dynamic: "dynamic",
};

function subtitle(node: GraphNode): string | undefined {
  if (node.kind === "gate" && node.gate) {
    return node.gate.kind === "sleep" ? "sleep" : node.gate.kind === "approve" ? "approval gate" : "signal gate";
  }
  return node.taskType ?? KIND_LABEL[node.kind];
}

function handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} className="!h-1 !w-1 !min-w-0 !border-0 !bg-slate-400" isConnectable={false} />
      <Handle type="source" position={Position.Right} className="!h-1 !w-1 !min-w-0 !border-0 !bg-slate-400" isConnectable={false} />
    </>
  );
}

function FlyteNodeView({ data }: NodeProps<FlyteFlowNode>) {
  const node = data.node;
  const overlay = useNodeOverlay(node.id);
  const selected = useIsSelected(node.id);
  const simple = useStore(zoomedOut);
  const { select, toggleGroup } = useDagActions();
  const phase = nodePhase(overlay?.phase ?? 0);
  const started = overlay !== undefined;
  const terminal = node.kind === "start" || node.kind === "end";
  const common = {
    "data-testid": "dag-node",
    "data-node-id": node.id,
    "data-phase": started ? phase.name : "UNDEFINED",
    "data-kind": node.kind,
  };
  const tone = started ? toneClass(phase.tone) : "bg-white text-slate-700 ring-slate-300";

  if (terminal) {
    return (
      <div {...common} className="flex h-full w-full items-center justify-center rounded-full bg-slate-100 text-[11px] text-slate-500 ring-1 ring-slate-300">
        {handles()}
        {node.kind === "start" ? "start" : "end"}
      </div>
    );
  }
  if (simple) {
    return (
      <div {...common} aria-label={`${node.name}: ${started ? phase.label : "not started"}`} className={`h-full w-full rounded ring-2 ring-inset ${tone}`}>
        {handles()}
      </div>
    );
  }
  const sub = subtitle(node);
  return (
    <div
      {...common}
      role="button"
      tabIndex={-1}
      aria-label={`${node.name}: ${started ? phase.label : "not started"}`}
      aria-pressed={selected}
      onClick={() => select(node.id)}
      className={`flex h-full w-full cursor-pointer flex-col justify-center rounded-md px-2.5 ring-1 ring-inset ${tone} ${
        selected ? "outline-2 outline-offset-2 outline-indigo-600" : ""
      }`}
    >
      {handles()}
      <div className="flex min-w-0 items-center gap-1.5">
        <PhaseIcon icon={started ? phase.icon : "queued"} className="h-3.5 w-3.5 shrink-0" />
        <span className="truncate text-xs font-medium" title={node.name}>
          {node.name}
        </span>
      </div>
      {sub ? <span className="truncate pl-5 text-[10px] opacity-75">{sub}</span> : null}
      {node.expandable ? (
        <button
          type="button"
          className="absolute -top-2 -right-2 rounded-full bg-white px-1.5 text-[10px] text-slate-700 shadow ring-1 ring-slate-300 hover:bg-slate-50"
          onClick={(e) => {
            e.stopPropagation();
            toggleGroup(node.id);
          }}
          aria-label={`Expand ${node.name}`}
        >
          +
        </button>
      ) : null}
      {overlay?.subNodePhases ? <SubNodeBar counts={overlay.subNodePhases} /> : null}
    </div>
  );
}

function SubNodeBar({ counts }: { counts: Readonly<Partial<Record<number, number>>> }) {
  const entries = Object.entries(counts).filter(([, n]) => (n ?? 0) > 0);
  const total = entries.reduce((s, [, n]) => s + (n ?? 0), 0);
  if (!total) return null;
  return (
    <div className="absolute right-1 bottom-0.5 left-1 flex h-1 overflow-hidden rounded" aria-label="Sub-task phases">
      {entries.map(([phase, n]) => (
        <span key={phase} title={`${nodePhase(Number(phase)).label}: ${n}`} className={`h-full ${toneClass(nodePhase(Number(phase)).tone)} ring-0`} style={{ width: `${((n ?? 0) / total) * 100}%`, backgroundColor: "currentColor" }} />
      ))}
    </div>
  );
}

function GroupNodeView({ data }: NodeProps<FlyteFlowNode>) {
  const node = data.node;
  const overlay = useNodeOverlay(node.id);
  const selected = useIsSelected(node.id);
  const { select, toggleGroup } = useDagActions();
  const phase = nodePhase(overlay?.phase ?? 0);
  const started = overlay !== undefined;
  return (
    <div
      data-testid="dag-node"
      data-node-id={node.id}
      data-phase={started ? phase.name : "UNDEFINED"}
      data-kind={node.kind}
      data-expanded="true"
      className={`h-full w-full rounded-lg border-2 border-dashed bg-slate-50/60 ${started ? toneClass(phase.tone) : "border-slate-300"} ${
        selected ? "outline-2 outline-offset-2 outline-indigo-600" : ""
      }`}
    >
      {handles()}
      <div className="flex items-center gap-1.5 px-2 py-1.5">
        <button type="button" onClick={() => select(node.id)} className="flex min-w-0 items-center gap-1.5 text-left">
          <PhaseIcon icon={started ? phase.icon : "queued"} className="h-3.5 w-3.5 shrink-0" />
          <span className="truncate text-xs font-semibold" title={node.name}>
            {node.name}
          </span>
          <span className="text-[10px] opacity-70">{KIND_LABEL[node.kind] ?? node.kind}</span>
        </button>
        <button
          type="button"
          onClick={() => toggleGroup(node.id)}
          aria-label={`Collapse ${node.name}`}
          className="ml-auto rounded bg-white px-1.5 text-[10px] text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          −
        </button>
      </div>
    </div>
  );
}

export const nodeTypes = { flyte: memo(FlyteNodeView), group: memo(GroupNodeView) };
