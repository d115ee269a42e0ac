"use client";

// A workflow version's static DAG, drawn by the same graph component as the execution page.
import { useState } from "react";
import type { Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { ExecutionOverlay } from "@/lib/flyte/graph/overlay";
import { DagView } from "@/components/dag/dag-view";
import { prepareLayoutWorker } from "@/components/dag/use-layout";
import { useWorkflowGraph } from "@/components/dag/use-workflow-graph";
import { Card } from "./card";

// This graph is laid out in the browser: the worker loads with this module, while the workflow arrives.
prepareLayoutWorker();

const NO_RUN: ExecutionOverlay = new Map();

export function WorkflowGraphCard({ workflow }: { workflow: Workflow }) {
  const { graph, nodeCount, toggleGroup } = useWorkflowGraph(workflow.closure?.compiledWorkflow);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  return (
    <Card title="Graph" testId="entity-graph" flush actions={<span className="text-xs text-slate-500">{nodeCount.toLocaleString("en")} nodes</span>}>
      {graph ? (
        <div className="h-[26rem]">
          <DagView graph={graph} overlay={NO_RUN} selectedId={selected} onSelect={setSelected} onToggleGroup={toggleGroup} />
        </div>
      ) : (
        <p className="p-4 text-sm text-slate-500">This version has no compiled workflow to draw.</p>
      )}
    </Card>
  );
}
