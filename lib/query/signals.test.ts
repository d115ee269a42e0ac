import { create, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { SignalSetRequestSchema } from "@/lib/gen/flyteidl/admin/signal_pb";
import { approvalLiteral } from "@/lib/flyte/actions/gates";
import { setSignalRequest } from "./signals";

describe("setSignalRequest", () => {
  it("addresses the signal in the node's execution (without its org) and carries the value", () => {
    const ne = create(NodeExecutionSchema, {
      id: { nodeId: "n2", executionId: { project: "flytesnacks", domain: "development", name: "abc123", org: "acme" } },
    });
    expect(toJson(SignalSetRequestSchema, setSignalRequest(ne, "approve-deploy", approvalLiteral(true)))).toEqual({
      id: { signalId: "approve-deploy", executionId: { project: "flytesnacks", domain: "development", name: "abc123" } },
      value: { scalar: { primitive: { boolean: true } } },
    });
  });
});
