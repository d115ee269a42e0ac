// Generated closures of any size, for tests and benchmarks of the graph code.
import { create } from "@bufbuild/protobuf";
import {
  CompiledWorkflowClosureSchema,
  type CompiledWorkflowClosure,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { NodeSchema } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { MessageInitShape } from "@bufbuild/protobuf";

type NodeInit = MessageInitShape<typeof NodeSchema>;

export interface SyntheticOptions {
  /** Nodes per layer; each node depends on the one or two nodes above it. Default 50. */
  width?: number;
  /** Every k-th node (k-1, 2k-1, …) runs a 3-task sub-workflow. */
  subWorkflowEvery?: number;
  /** Every k-th node (offset by k/2) is a branch with an if and an else case. */
  branchEvery?: number;
}

const TASK_ID = { resourceType: ResourceType.TASK, project: "p", domain: "d", name: "synthetic.task", version: "v1" };
const SUB_ID = { resourceType: ResourceType.WORKFLOW, project: "p", domain: "d", name: "synthetic.sub", version: "v1" };
const taskNode = (id: string): NodeInit => ({
  id,
  metadata: { name: `task_${id}` },
  target: { case: "taskNode", value: { reference: { case: "referenceId", value: TASK_ID } } },
});
const ids = (list: string[]) => ({ ids: list });

/** A layered DAG of `nodes` top-level nodes, compiled the way FlytePropeller writes connections. */
export function syntheticClosure(nodes: number, opts: SyntheticOptions = {}): CompiledWorkflowClosure {
  const width = Math.max(1, opts.width ?? 50);
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    (downstream.get(from) ?? downstream.set(from, []).get(from)!).push(to);
    (upstream.get(to) ?? upstream.set(to, []).get(to)!).push(from);
  };
  const templateNodes: NodeInit[] = [{ id: "start-node" }, { id: "end-node" }];
  for (let i = 0; i < nodes; i++) {
    const id = `n${i}`;
    const sub = opts.subWorkflowEvery && i % opts.subWorkflowEvery === opts.subWorkflowEvery - 1;
    const branch = opts.branchEvery && i % opts.branchEvery === Math.floor(opts.branchEvery / 2);
    if (sub) {
      templateNodes.push({
        id,
        metadata: { name: `sub_${id}` },
        target: { case: "workflowNode", value: { reference: { case: "subWorkflowRef", value: SUB_ID } } },
      });
    } else if (branch) {
      templateNodes.push({
        id,
        metadata: { name: `branch_${id}` },
        target: {
          case: "branchNode",
          value: {
            ifElse: {
              case: {
                condition: {
                  expr: { case: "comparison", value: { leftValue: { val: { case: "var", value: ".x" } } } },
                },
                thenNode: taskNode(`${id}-n0`),
              },
              default: { case: "elseNode", value: taskNode(`${id}-n1`) },
            },
          },
        },
      });
    } else {
      templateNodes.push(taskNode(id));
    }
    if (i < width) link("start-node", id);
    else {
      link(`n${i - width}`, id);
      if ((i % width) + 1 < width) link(`n${i - width + 1}`, id);
    }
  }
  for (let i = 0; i < nodes; i++) if (!downstream.has(`n${i}`)) link(`n${i}`, "end-node");
  const toMap = (m: Map<string, string[]>) => Object.fromEntries([...m].map(([k, v]) => [k, ids(v)]));
  return create(CompiledWorkflowClosureSchema, {
    primary: {
      template: {
        id: { resourceType: ResourceType.WORKFLOW, project: "p", domain: "d", name: "synthetic.wf", version: "v1" },
        nodes: templateNodes,
      },
      connections: { downstream: toMap(downstream), upstream: toMap(upstream) },
    },
    subWorkflows: opts.subWorkflowEvery
      ? [
          {
            template: {
              id: SUB_ID,
              nodes: [{ id: "start-node" }, { id: "end-node" }, taskNode("s0"), taskNode("s1"), taskNode("s2")],
            },
            connections: {
              downstream: { "start-node": ids(["s0"]), s0: ids(["s1"]), s1: ids(["s2"]), s2: ids(["end-node"]) },
              upstream: { s0: ids(["start-node"]), s1: ids(["s0"]), s2: ids(["s1"]), "end-node": ids(["s2"]) },
            },
          },
        ]
      : [],
    tasks: [{ template: { id: TASK_ID, type: "python-task" } }],
  });
}
