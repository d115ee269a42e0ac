// Nodes and overlay entries for the large graph's overview tests (overview-layer, overview-canvas).
import { create } from "@bufbuild/protobuf";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import type { OverviewNode } from "./overview-canvas";

/** Task `n<i>`, 80×40, in a row 100 apart. */
export const overviewNode = (i: number): OverviewNode => ({ id: `n${i}`, name: `task_${i}`, kind: "task", group: false, box: { x: i * 100, y: 0, width: 80, height: 40 } });

/** Node execution `id` in `phase`, as the overlay holds it. */
export const overlayEntry = (id: string, phase: NodeExecution_Phase): NodeOverlayEntry => ({
  graphNodeId: id,
  phase,
  nodeExecutionId: id,
  key: `p/d/e/${id}`,
  nodeExecution: create(NodeExecutionSchema, { id: { nodeId: id }, closure: { phase } }),
  isParentNode: false,
  isDynamic: false,
  isArray: false,
});
