// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { cleanup, fireEvent, render } from "@testing-library/react";
import { ReactFlowProvider } from "@xyflow/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import type { NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import { DagContext, type DagStores } from "./dag-context";
import { KeyedStore } from "./keyed-store";
import { OverviewLayer } from "./overview-layer";

afterEach(cleanup);

// The graph id of a nested node is `${parent}-0-${spec}`; FlytePropeller hashed this one's real id.
const graphId = "node-deeply-nested-0-node-t1-parent";
const hashedId = "fe63sz6y";

function stores(select = vi.fn()): DagStores {
  const ne = create(NodeExecutionSchema, {
    id: { nodeId: hashedId, executionId: { project: "p", domain: "d", name: "e" } },
    metadata: { specNodeId: "node-t1-parent" },
    closure: { phase: NP.SUCCEEDED },
  });
  const entry: NodeOverlayEntry = {
    graphNodeId: graphId,
    phase: NP.SUCCEEDED,
    nodeExecutionId: hashedId,
    key: `p/d/e/${hashedId}`,
    nodeExecution: ne,
    isParentNode: false,
    isDynamic: false,
    isArray: false,
  };
  return { overlay: new KeyedStore(new Map([[graphId, entry]])), selection: new KeyedStore(), select, toggleGroup: vi.fn() };
}

const nodes = [
  { id: graphId, name: "t1", kind: "task" as const, group: false, box: { x: 0, y: 0, width: 10, height: 10 } },
  { id: "n9", name: "later", kind: "task" as const, group: false, box: { x: 20, y: 0, width: 10, height: 10 } },
];

describe("drawn DAG nodes", () => {
  it("carry the real node execution id in data-node-id, hashed or not, and their graph id apart", () => {
    const { container } = render(
      <DagContext.Provider value={stores()}>
        <ReactFlowProvider>
          <OverviewLayer edgePaths={[]} nodes={nodes} />
        </ReactFlowProvider>
      </DagContext.Provider>,
    );
    const started = container.querySelector(`[data-graph-id="${graphId}"]`);
    expect(started?.getAttribute("data-node-id")).toBe(hashedId);
    expect(started?.getAttribute("data-phase")).toBe("SUCCEEDED");
    // Not started yet: no execution id exists, the node answers to its graph id.
    expect(container.querySelector('[data-graph-id="n9"]')?.getAttribute("data-node-id")).toBe("n9");
  });

  it("select by graph id when clicked", () => {
    const select = vi.fn();
    const { container } = render(
      <DagContext.Provider value={stores(select)}>
        <ReactFlowProvider>
          <OverviewLayer edgePaths={[]} nodes={nodes} />
        </ReactFlowProvider>
      </DagContext.Provider>,
    );
    fireEvent.click(container.querySelector(`[data-node-id="${hashedId}"]`)!);
    expect(select).toHaveBeenCalledWith(graphId);
  });
});
