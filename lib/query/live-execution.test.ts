import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WatchExecutionResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { LiveExecution } from "./live-execution";

const executionId = { project: "flytesnacks", domain: "development", name: "run" };
const node = (nodeId: string, phase: NodeExecution_Phase) => ({ id: { nodeId, executionId }, closure: { phase } });

describe("LiveExecution", () => {
  it("keeps each child's parent across updates, and starts over with a new snapshot", () => {
    const live = new LiveExecution();
    live.apply(
      create(WatchExecutionResponseSchema, {
        snapshot: true,
        nodeExecutions: [node("n1", NodeExecution_Phase.RUNNING), node("fh3kq2p9x", NodeExecution_Phase.RUNNING)],
        parentNodeIds: { fh3kq2p9x: "n1" },
      }),
    );
    expect(live.get().parents.get("fh3kq2p9x")).toBe("n1");

    const before = live.get().parents;
    live.apply(create(WatchExecutionResponseSchema, { nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED)] }));
    expect(live.get().parents).toBe(before); // nothing new: same map, no re-render of the overlay for it

    live.apply(create(WatchExecutionResponseSchema, { nodeExecutions: [node("x7q2", NodeExecution_Phase.QUEUED)], parentNodeIds: { x7q2: "fh3kq2p9x" } }));
    expect(Object.fromEntries(live.get().parents)).toEqual({ fh3kq2p9x: "n1", x7q2: "fh3kq2p9x" });
    expect(live.get().nodes.size).toBe(4);

    live.apply(create(WatchExecutionResponseSchema, { snapshot: true, nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED)] }));
    expect(live.get().parents.size).toBe(0);
    expect([...live.get().nodes.keys()]).toEqual(["n0"]);
  });
});
