"use client";

// A workflow version's static DAG, drawn by the same graph component as the execution page.
import { useMemo, useState } from "react";
import type { Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import type { ExecutionOverlay } from "@/lib/flyte/graph/overlay";
import { DagView } from "@/components/dag/dag-view";
import { Card } from "./card";

/** Graphs smaller than this open every group; bigger ones open closed (like the execution page). */
const OPEN_ALL_BELOW = 40;
const NO_RUN: ExecutionOverlay = new Map();

export function WorkflowGraphCard({ workflow }: { workflow: Workflow }) {
  const closure = workflow.closure?.compiledWorkflow;
  const [expanded, setExpanded] = useState<ReadonlySet<string> | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const nodeCount = closure ? (closure.primary?.template?.nodes.length ?? 0) + closure.subWorkflows.reduce((s, w) => s + (w.template?.nodes.length ?? 0), 0) : 0;
  const graph = useMemo(
    () => (closure ? buildWorkflowGraph(closure, { expanded: expanded ?? (nodeCount < OPEN_ALL_BELOW ? "all" : new Set()) }) : undefined),
    [closure, expanded, nodeCount],
  );
  return (
    <Card title="Graph" testId="entity-graph" flush actions={<span className="text-xs text-slate-500">{nodeCount.toLocaleString("en")} nodes</span>}>
      {graph ? (
        <div className="h-[26rem]">
          <DagView
            graph={graph}
            overlay={NO_RUN}
            selectedId={selected}
            onSelect={setSelected}
            onToggleGroup={(id) => {
              const next = new Set(expanded ?? graph.nodes.filter((n) => n.expanded).map((n) => n.id));
              if (next.has(id)) next.delete(id);
              else next.add(id);
              setExpanded(next);
            }}
          />
        </div>
      ) : (
        <p className="p-4 text-sm text-slate-500">This version has no compiled workflow to draw.</p>
      )}
    </Card>
  );
}
