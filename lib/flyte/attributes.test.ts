import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { MatchingAttributesSchema } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import { QualityOfService_Tier } from "@/lib/gen/flyteidl/core/execution_pb";
import { attributesScope, describeAttributes, MATCHABLE_RESOURCES } from "./attributes";

describe("project-domain attributes in words", () => {
  it("lists all eight matchable resources once", () => {
    expect(MATCHABLE_RESOURCES.map((r) => r.type)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("says task resources as defaults and limits, leaving unset ones out", () => {
    const m = create(MatchingAttributesSchema, {
      target: { case: "taskResourceAttributes", value: { defaults: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", gpu: "1" } } },
    });
    expect(describeAttributes(m)).toEqual([
      { label: "Defaults", value: "CPU 500m, memory 1Gi" },
      { label: "Limits", value: "CPU 2, GPU 1" },
    ]);
  });

  it("reads a workflow execution config's parallelism, output prefix, labels and interruptible", () => {
    const m = create(MatchingAttributesSchema, {
      target: {
        case: "workflowExecutionConfig",
        value: { maxParallelism: 25, rawOutputDataConfig: { outputLocationPrefix: "s3://b/p" }, labels: { values: { team: "ml", a: "1" } }, interruptible: true },
      },
    });
    expect(describeAttributes(m)).toEqual([
      { label: "Max parallelism", value: "25" },
      { label: "Raw output prefix", value: "s3://b/p" },
      { label: "Labels", value: "a=1, team=ml" },
      { label: "Interruptible", value: "yes" },
    ]);
  });

  it("reads queues, tiers and cluster pools", () => {
    expect(describeAttributes(create(MatchingAttributesSchema, { target: { case: "executionQueueAttributes", value: { tags: ["gpu", "critical"] } } }))).toEqual([
      { label: "Tags", value: "gpu, critical" },
    ]);
    expect(describeAttributes(create(MatchingAttributesSchema, { target: { case: "qualityOfService", value: { designation: { case: "tier", value: QualityOfService_Tier.HIGH } } } }))).toEqual([
      { label: "Tier", value: "high" },
    ]);
    expect(describeAttributes(create(MatchingAttributesSchema, { target: { case: "clusterAssignment", value: { clusterPoolName: "gpu-pool" } } }))).toEqual([
      { label: "Cluster pool", value: "gpu-pool" },
    ]);
    expect(describeAttributes(undefined)).toEqual([]);
  });

  it("tells a domain's own setting from one set for the whole project", () => {
    expect(attributesScope({ project: "p", domain: "development" }, "development")).toBe("domain");
    expect(attributesScope({ project: "p", domain: "" }, "development")).toBe("project");
    expect(attributesScope({ project: "", domain: "" }, "development")).toBe("global");
  });
});
