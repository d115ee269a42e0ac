import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NodeExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { flyteRemoteExecutionSnippet, flyteRemoteNodeSnippet, nodeDataFlyteUrls } from "./remote-snippet";

const id = (nodeId: string) => create(NodeExecutionIdentifierSchema, { nodeId, executionId: { project: "flytesnacks", domain: "development", name: "abc123" } });

describe("FlyteRemote snippet of a node's data", () => {
  it("reads a top-level node from the synced execution", () => {
    const s = flyteRemoteNodeSnippet(id("n1"), { topLevel: true });
    expect(s).toContain('remote = FlyteRemote(Config.auto(), default_project="flytesnacks", default_domain="development")');
    expect(s).toContain('execution = remote.fetch_execution(name="abc123")');
    expect(s).toContain("remote.sync_execution(execution, sync_nodes=True)");
    expect(s).toContain('node = execution.node_executions["n1"]');
    expect(s).toMatch(/^inputs = node\.inputs$/m);
    expect(s).toMatch(/^outputs = node\.outputs/m);
  });

  it("reads a nested node by its flyte:// URIs, FlyteAdmin's when given", () => {
    expect(nodeDataFlyteUrls(id("n1-0-n0"))).toEqual({
      inputs: "flyte://v1/flytesnacks/development/abc123/n1-0-n0/i",
      outputs: "flyte://v1/flytesnacks/development/abc123/n1-0-n0/o",
    });
    const built = flyteRemoteNodeSnippet(id("n1-0-n0"), { topLevel: false });
    expect(built).toContain('inputs = remote.get("flyte://v1/flytesnacks/development/abc123/n1-0-n0/i")');
    expect(built).not.toContain("node_executions");
    const given = flyteRemoteNodeSnippet(id("n1-0-n0"), { topLevel: false, urls: { inputs: "flyte://v1/org/o/p/d/e/n/i", outputs: "flyte://v1/org/o/p/d/e/n/o" } });
    expect(given).toContain('outputs = remote.get("flyte://v1/org/o/p/d/e/n/o")');
  });

  it("quotes names as Python strings", () => {
    const s = flyteRemoteNodeSnippet(create(NodeExecutionIdentifierSchema, { nodeId: 'n"1', executionId: { project: "p", domain: "d", name: "e" } }), { topLevel: true });
    expect(s).toContain('node_executions["n\\"1"]');
  });
});

describe("FlyteRemote snippet of an execution's data", () => {
  it("fetches the execution by its full id and reads its inputs and outputs", () => {
    const s = flyteRemoteExecutionSnippet({ project: "flytesnacks", domain: "development", name: "abc123" });
    expect(s).toContain('remote = FlyteRemote(Config.auto(), default_project="flytesnacks", default_domain="development")');
    expect(s).toContain('execution = remote.fetch_execution(project="flytesnacks", domain="development", name="abc123")');
    expect(s).toMatch(/^inputs = execution\.inputs$/m);
    expect(s).toMatch(/^outputs = execution\.outputs/m);
  });

  it("quotes names as Python strings", () => {
    expect(flyteRemoteExecutionSnippet({ project: 'p"x', domain: "d", name: "n\\" })).toContain('fetch_execution(project="p\\"x", domain="d", name="n\\\\")');
  });
});
