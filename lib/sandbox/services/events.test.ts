// What FlyteAdmin records from a terminal workflow or node event: the outputs it was sent are offloaded
// and the closure names where (closure.outputs.uri, closure.output_uri), while the data calls return them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { NodeExecution_Phase as NP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { insertExecution } from "../store/executions";
import { L } from "../seed/catalog/literals";
import { makeExecution } from "./testing/builders";
import { startTestSandbox, type TestSandbox } from "./testing/server";

let sb: TestSandbox;
let clock = Date.UTC(2024, 5, 1);
const id = { project: "flytesnacks", domain: "development", name: "outs1" };

beforeAll(async () => {
  sb = await startTestSandbox({ now: () => clock });
  insertExecution(sb.ctx.db, makeExecution({ name: id.name, phase: WorkflowExecution_Phase.QUEUED, createdMs: clock }));
});
afterAll(() => sb.close());

const outputs = { literals: { o0: L.int(42) } };

describe("terminal events with output data", () => {
  it("a succeeded node's closure names its offloaded outputs, and its data call returns them", async () => {
    const nodeId = { executionId: id, nodeId: "n0" };
    for (const phase of [NP.RUNNING, NP.SUCCEEDED]) {
      clock += 1000;
      await sb.admin.createNodeEvent({
        requestId: `n0-${phase}`,
        event: {
          id: nodeId,
          phase,
          producerId: "propeller",
          occurredAt: timestampFromMs(clock),
          outputResult: phase === NP.SUCCEEDED ? { case: "outputData", value: outputs } : { case: undefined },
        },
      });
    }
    const node = await sb.admin.getNodeExecution({ id: nodeId });
    expect(node.closure?.outputResult).toEqual({ case: "outputUri", value: "s3://flyte-sandbox/metadata/flytesnacks/development/outs1/n0/offloaded_outputs" });
    const data = await sb.admin.getNodeExecutionData({ id: nodeId });
    expect(data.fullOutputs?.literals.o0).toEqual(L.int(42));
  });

  it("a succeeded execution's closure names its outputs (outputs.uri), as FlyteAdmin's offload policy does", async () => {
    for (const phase of [WP.RUNNING, WP.SUCCEEDED]) {
      clock += 1000;
      await sb.admin.createWorkflowEvent({
        requestId: `wf-${phase}`,
        event: {
          executionId: id,
          phase,
          producerId: "propeller",
          occurredAt: timestampFromMs(clock),
          outputResult: phase === WP.SUCCEEDED ? { case: "outputData", value: outputs } : { case: undefined },
        },
      });
    }
    const exec = await sb.admin.getExecution({ id });
    expect(exec.closure?.outputResult.case).toBe("outputs");
    const blob = exec.closure?.outputResult.case === "outputs" ? exec.closure.outputResult.value : undefined;
    expect(blob?.data).toEqual({ case: "uri", value: "s3://flyte-sandbox/metadata/flytesnacks/development/outs1/offloaded_outputs" });
    const data = await sb.admin.getExecutionData({ id });
    expect(data.fullOutputs?.literals.o0).toEqual(L.int(42));
  });
});
