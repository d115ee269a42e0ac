import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { Resources_ResourceName } from "@/lib/gen/flyteidl/core/tasks_pb";
import { compareSpecs, resourcesText } from "./spec";

const execution = (o: { lpVersion?: string; wfVersion?: string; labels?: Record<string, string> } = {}) =>
  create(ExecutionSchema, {
    id: { project: "p", domain: "d", name: "x" },
    spec: { launchPlan: { name: "lp", version: o.lpVersion ?? "v1" }, labels: { values: o.labels ?? {} } },
    closure: { workflowId: { name: "wf", version: o.wfVersion ?? "v1" } },
  });

const closure = (image: string, cpu = "1") =>
  create(CompiledWorkflowClosureSchema, {
    tasks: [
      {
        template: {
          id: { name: "t1", version: "v1" },
          target: { case: "container", value: { image, resources: { requests: [{ name: Resources_ResourceName.CPU, value: cpu }], limits: [] } } },
        },
      },
    ],
  });

describe("compareSpecs", () => {
  it("marks nothing for two runs of one launch plan with the same settings", () => {
    const rows = compareSpecs([{ execution: execution(), closure: closure("img:1") }, { execution: execution(), closure: closure("img:1") }]);
    expect(rows.filter((r) => r.differs)).toEqual([]);
    expect(rows.map((r) => r.key)).toEqual(["launch plan:launch plan", "workflow:workflow", "image:t1", "resources:t1"]);
  });

  it("names the launch plan, workflow version, image, resources and labels that differ", () => {
    const rows = compareSpecs([
      { execution: execution({ labels: { team: "a", keep: "1" } }), closure: closure("img:1") },
      { execution: execution({ lpVersion: "v2", wfVersion: "v2", labels: { team: "b", keep: "1" } }), closure: closure("img:2", "2") },
    ]);
    expect(rows.filter((r) => r.differs).map((r) => [r.group, r.label, r.values])).toEqual([
      ["launch plan", "launch plan", ["lp @ v1", "lp @ v2"]],
      ["workflow", "workflow", ["wf @ v1", "wf @ v2"]],
      ["image", "t1", ["img:1", "img:2"]],
      ["resources", "t1", ["CPU 1", "CPU 2"]],
      ["label", "team", ["a", "b"]],
    ]);
  });

  it("shows a label only one run has as missing in the other", () => {
    const rows = compareSpecs([{ execution: execution() }, { execution: execution({ labels: { env: "prod" } }) }]);
    expect(rows.find((r) => r.key === "label:env")).toMatchObject({ values: [undefined, "prod"], differs: true });
  });
});

describe("resourcesText", () => {
  it("reads requests and limits, and nothing as undefined", () => {
    expect(resourcesText(undefined)).toBeUndefined();
    expect(
      resourcesText({ requests: [{ name: Resources_ResourceName.MEMORY, value: "1Gi" }, { name: Resources_ResourceName.CPU, value: "500m" }], limits: [{ name: Resources_ResourceName.GPU, value: "1" }] } as never),
    ).toBe("CPU 500m, GPU no request (limit 1), Memory 1Gi");
  });
});
