"use client";

// A launch-plan node runs its workflow as a separate child execution (FlytePropeller reports its id in the
// node's workflow_node_metadata). Like flyteconsole, the node links to that execution instead of opening in place.
import { Link } from "@/components/ui/link";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { childExecutionId } from "@/lib/flyte/node-executions";
import { workflowPhase } from "@/lib/flyte/phases";
import { executionPath } from "@/lib/flyte/urls";
import { useChildExecution } from "@/lib/query/use-execution";
import { PhaseBadge } from "@/components/ui/phase-badge";

export function ChildExecutionLink({ nodeExecution }: { nodeExecution: NodeExecution }) {
  const id = childExecutionId(nodeExecution);
  const child = useChildExecution(id);
  if (!id) return null;
  const phase = child.data?.closure ? workflowPhase(child.data.closure.phase) : undefined;
  return (
    <p data-testid="child-execution" className="flex flex-wrap items-center gap-2 text-xs">
      <Link className="font-medium text-indigo-700 hover:underline" href={executionPath(id)}>
        Open child execution <span className="font-mono">{id.name}</span>
      </Link>
      {phase ? <PhaseBadge phase={phase} testId="child-execution-phase" /> : null}
    </p>
  );
}
