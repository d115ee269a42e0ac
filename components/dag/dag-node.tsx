"use client";

import { Handle, Position, useStore, type Node } from "@xyflow/react";
import { createContext, memo, useContext, type ReactNode } from "react";
import { gateText, KIND_LABEL, nodeSubtitle } from "@/lib/flyte/graph/labels";
import type { GraphNode } from "@/lib/flyte/graph/types";
import { nodePhase, taskPhase, type PhaseInfo } from "@/lib/flyte/phases";
import { PhaseIcon, toneClass } from "@/components/ui/phase-badge";
import { tonePalette } from "@/components/ui/phase-palette";
import { AttemptPhaseNote } from "@/components/ui/attempt-phase-note";
import { useNow } from "@/components/ui/use-now";
import { useDagActions, useDrawnNode, useNodeOverlay } from "./dag-context";
import { childExecutionId } from "@/lib/flyte/node-executions";
import { executionPath } from "@/lib/flyte/urls";
import { Link } from "@/components/ui/link";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";

export type FlyteNodeData = {
  node: GraphNode;
  /** Set on the cases of a branch: which branch, and the case's label and condition. */
  branchCase?: { branchId: string; label: string; condition?: string };
};
export type FlyteFlowNode = Node<FlyteNodeData, "flyte" | "group">;

/** Below this zoom, nodes are drawn as plain coloured boxes: thousands stay smooth. */
export const DETAIL_ZOOM = 0.45;
export const zoomedOut = (s: { transform: [number, number, number] }) => s.transform[2] < DETAIL_ZOOM;

const PlainHandlesContext = createContext(false);

/** Nodes drawn outside React Flow's node list (a large graph's DetailLayer): their handles are only drawn. */
export function PlainHandles({ children }: { children: ReactNode }) {
  return <PlainHandlesContext.Provider value>{children}</PlainHandlesContext.Provider>;
}

const HANDLE_CLASS = "!h-1 !w-1 !min-w-0 !border-0 !bg-slate-400";

function Handles() {
  const plain = useContext(PlainHandlesContext);
  if (plain) {
    return (
      <>
        <span className="absolute top-1/2 -left-0.5 h-1 w-1 -translate-y-1/2 bg-slate-400" />
        <span className="absolute top-1/2 -right-0.5 h-1 w-1 -translate-y-1/2 bg-slate-400" />
      </>
    );
  }
  return (
    <>
      <Handle type="target" position={Position.Left} className={HANDLE_CLASS} isConnectable={false} />
      <Handle type="source" position={Position.Right} className={HANDLE_CLASS} isConnectable={false} />
    </>
  );
}

/** A branch case: taken once it has an execution; not taken when its branch finished without running it. */
function useBranchCaseState(data: FlyteNodeData, started: boolean): "taken" | "skipped" | undefined {
  const branch = useNodeOverlay(data.branchCase?.branchId ?? "");
  if (!data.branchCase) return undefined;
  if (started) return "taken";
  return branch && nodePhase(branch.phase).isTerminal ? "skipped" : undefined;
}

function FlyteNodeView({ data }: { data: FlyteNodeData }) {
  const node = data.node;
  const { overlay, selected, started, phase, waiting, tone: phaseTone, hooks } = useDrawnNode(node.id, node.kind);
  const simple = useStore(zoomedOut);
  const { select, toggleGroup } = useDagActions();
  const branchState = useBranchCaseState(data, started);
  const terminal = node.kind === "start" || node.kind === "end";
  const attempt = overlay?.attempt;
  const nowMs = useNow(1_000, attempt !== undefined);
  const common = {
    ...hooks,
    ...(waiting ? { "data-waiting": "true" } : {}),
    ...(node.failureNode ? { "data-failure-node": "true" } : {}),
    ...(attempt ? { "data-task-phase": taskPhase(attempt.phase).name } : {}),
    ...(branchState ? { "data-branch": branchState } : {}),
  };
  const tone = started ? toneClass(phaseTone) : "bg-white text-slate-700 ring-slate-300";

  if (terminal) {
    return (
      <div {...common} className="flex h-full w-full items-center justify-center rounded-full bg-slate-100 text-[11px] text-slate-500 ring-1 ring-slate-300">
        <Handles />
        {node.kind === "start" ? "start" : "end"}
      </div>
    );
  }
  const attemptText = attempt ? ` (${taskPhase(attempt.phase).label.toLowerCase()}${attempt.reason ? `: ${attempt.reason}` : ""})` : "";
  const label = `${node.failureNode ? "on failure: " : ""}${node.name}: ${started ? phase.label : branchState === "skipped" ? "not taken" : "not started"}${waiting ? ` (${gateText(node.gate!, true)})` : ""}${attemptText}`;
  if (simple) {
    // Solid fill: at this zoom a pale box with a thin ring is invisible.
    return (
      <div
        {...common}
        aria-label={label}
        onClick={() => select(node.id)}
        className={`h-full w-full rounded ${tone}`}
        style={started ? { backgroundColor: "currentColor", opacity: 0.85 } : undefined}
      >
        <Handles />
      </div>
    );
  }
  const sub = nodeSubtitle(node, waiting);
  const caseLabel = data.branchCase ? `${data.branchCase.label}${branchState === "skipped" ? " · not taken" : branchState === "taken" ? " · taken" : ""}` : undefined;
  return (
    <div
      {...common}
      role="button"
      tabIndex={-1}
      aria-label={label}
      aria-pressed={selected}
      onClick={() => select(node.id)}
      title={data.branchCase?.condition ? `${data.branchCase.label} ${data.branchCase.condition}` : undefined}
      className={`flex h-full w-full cursor-pointer flex-col justify-center rounded-md px-2.5 ring-1 ring-inset ${tone} ${
        branchState === "skipped" ? "opacity-50" : ""
      } ${selected ? "outline-2 outline-offset-2 outline-indigo-600" : ""}`}
    >
      <Handles />
      {caseLabel ? (
        <span className={`absolute -top-2 left-2 rounded px-1 text-[9px] font-medium uppercase tracking-wide ring-1 ${branchState === "taken" ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-500 ring-slate-300"}`}>
          {caseLabel}
        </span>
      ) : null}
      <div className="flex min-w-0 items-center gap-1.5">
        <PhaseIcon icon={waiting ? "waiting" : started ? phase.icon : "queued"} className="h-3.5 w-3.5 shrink-0" />
        {/* The node is sized to its name (lib/flyte/graph/layout-input.ts); a name past the widest node wraps. */}
        <span data-testid="dag-node-label" className="block min-w-0 text-xs leading-4 font-medium [overflow-wrap:anywhere]">
          {node.name}
        </span>
      </div>
      {attempt ? (
        <AttemptPhaseNote status={attempt} nowMs={nowMs} className="pl-5" />
      ) : sub ? (
        <span className={`truncate pl-5 text-[10px] ${waiting ? "font-medium" : "opacity-75"}`} title={sub}>
          {sub}
        </span>
      ) : null}
      {node.failureNode ? (
        <span
          data-testid="failure-node-marker"
          title="The workflow's failure node: runs only when the workflow fails"
          className="absolute -top-2 left-2 rounded bg-red-600 px-1 text-[9px] font-medium uppercase tracking-wide text-white"
        >
          on failure
        </span>
      ) : null}
      {node.kind === "launchplan" ? <ChildRunMarker child={overlay?.nodeExecution && childExecutionId(overlay.nodeExecution)} /> : null}
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
      {overlay?.subTaskPhases ? (
        <SubTaskBar counts={overlay.subTaskPhases} phaseOf={taskPhase} />
      ) : overlay?.subNodePhases ? (
        <SubTaskBar counts={overlay.subNodePhases} phaseOf={nodePhase} />
      ) : null}
    </div>
  );
}

/** A map node's sub-tasks: one bar segment per phase, as wide as its share; the numbers in its label. */
function SubTaskBar({ counts, phaseOf }: { counts: Readonly<Partial<Record<number, number>>>; phaseOf(p: number): PhaseInfo }) {
  const entries = Object.entries(counts)
    .map(([p, n]) => ({ phase: phaseOf(Number(p)), n: n ?? 0 }))
    .filter((e) => e.n > 0);
  const total = entries.reduce((s, e) => s + e.n, 0);
  if (!total) return null;
  const text = entries.map((e) => `${e.n} ${e.phase.label.toLowerCase()}`).join(", ");
  return (
    <div
      data-testid="sub-task-bar"
      data-total={total}
      data-counts={entries.map((e) => `${e.phase.name}:${e.n}`).join(" ")}
      role="img"
      aria-label={`${total} sub-tasks: ${text}`}
      title={`${total} sub-tasks: ${text}`}
      className="absolute right-1 bottom-0.5 left-1 flex h-1.5 overflow-hidden rounded bg-slate-200"
    >
      {entries.map((e) => (
        <span key={e.phase.value} className={`h-full ${tonePalette(e.phase.tone).fill}`} style={{ width: `${(e.n / total) * 100}%` }} />
      ))}
    </div>
  );
}

function GroupNodeView({ data }: { data: FlyteNodeData }) {
  const node = data.node;
  const { selected, started, phase, tone, hooks } = useDrawnNode(node.id, node.kind);
  const { select, toggleGroup } = useDagActions();
  return (
    <div
      {...hooks}
      data-expanded="true"
      className={`h-full w-full rounded-lg border-2 border-dashed bg-slate-50/60 ${started ? tonePalette(tone).text : "border-slate-300"} ${
        selected ? "outline-2 outline-offset-2 outline-indigo-600" : ""
      }`}
    >
      <Handles />
      <div className="flex items-center gap-1.5 px-2 py-1.5">
        <button type="button" onClick={() => select(node.id)} className="flex min-w-0 items-center gap-1.5 text-left">
          <PhaseIcon icon={started ? phase.icon : "queued"} className="h-3.5 w-3.5 shrink-0" />
          <span data-testid="dag-node-label" className="block min-w-0 truncate text-xs font-semibold" title={node.name}>
            {node.name}
          </span>
          <span className="shrink-0 text-[10px] opacity-70">{KIND_LABEL[node.kind] ?? node.kind}</span>
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

const MARKER_CLASS = "absolute -top-2 -right-2 rounded-full bg-white px-1.5 text-[9px] font-medium text-slate-600 shadow ring-1 ring-slate-300";

/** A launch-plan node's badge: once its child execution is known, a link to it (a click opens it, not the node). */
function ChildRunMarker({ child }: { child: WorkflowExecutionIdentifier | undefined }) {
  if (!child) {
    return (
      <span data-testid="child-run-marker" title="Runs as a separate child execution once it starts" className={MARKER_CLASS}>
        ↗ child run
      </span>
    );
  }
  return (
    <Link
      href={executionPath(child)}
      data-testid="child-run-marker"
      title={`Open child execution ${child.name}`}
      onClick={(e) => e.stopPropagation()}
      className={`${MARKER_CLASS} nodrag hover:text-indigo-700 hover:ring-indigo-400`}
    >
      ↗ child run
    </Link>
  );
}
