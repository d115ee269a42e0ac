import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ExecutionMetadata_ExecutionMode as Mode, ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { executionDetails, executionLineage } from "./execution-details";

const ref = { project: "flytesnacks", domain: "development", name: "abc" };
const exec = (spec: MessageInitShape<typeof ExecutionSchema>["spec"]) => create(ExecutionSchema, { id: { ...ref, name: "new" }, spec });

describe("where an execution came from", () => {
  it("a child run names its parent execution and the node that started it", () => {
    expect(executionLineage(exec({ metadata: { mode: Mode.CHILD_WORKFLOW, parentNodeExecution: { nodeId: "n2", executionId: ref } } }))).toMatchObject({
      relation: "child",
      nodeId: "n2",
      execution: ref,
    });
  });

  it("a recovered or relaunched run names the run it repeats", () => {
    expect(executionLineage(exec({ metadata: { mode: Mode.RECOVERED, referenceExecution: ref } }))).toMatchObject({ relation: "recovered", execution: ref });
    expect(executionLineage(exec({ metadata: { mode: Mode.RELAUNCH, referenceExecution: ref } }))).toMatchObject({ relation: "relaunched", execution: ref });
  });

  it("a manual or scheduled run has none", () => {
    expect(executionLineage(exec({ metadata: { mode: Mode.MANUAL } }))).toBeUndefined();
    expect(executionLineage(exec({ metadata: { mode: Mode.SCHEDULED, referenceExecution: ref } }))).toBeUndefined();
    expect(executionLineage(exec(undefined))).toBeUndefined();
  });
});

describe("an execution's details", () => {
  it("lists only what the spec sets", () => {
    const d = executionDetails(exec({ metadata: { systemMetadata: { executionCluster: "sandbox" } }, interruptible: false }));
    expect(d.facts).toEqual([
      { key: "cluster", label: "Cluster", value: "sandbox" },
      { key: "interruptible", label: "Interruptible", value: "no" },
    ]);
    expect(d).toMatchObject({ secrets: [], labels: [], annotations: [], envs: [], launchPlan: undefined, workflow: undefined });
  });

  it("reads run-as, parallelism, caching, cluster, data prefix, secrets, labels and env vars", () => {
    const d = executionDetails(
      exec({
        launchPlan: { project: "p", domain: "d", name: "lp", version: "v1" },
        metadata: { systemMetadata: { executionCluster: "c1", namespace: "p-d" } },
        clusterAssignment: { clusterPoolName: "gpu" },
        executionClusterLabel: { value: "prod-us-east" },
        securityContext: { runAs: { k8sServiceAccount: "runner", iamRole: "arn:role" }, secrets: [{ group: "aws", key: "token" }, { key: "plain" }] },
        rawOutputDataConfig: { outputLocationPrefix: "s3://b/p" },
        maxParallelism: 25,
        interruptible: true,
        overwriteCache: true,
        labels: { values: { team: "ml", app: "x" } },
        annotations: { values: { "cost-center": "1" } },
        envs: { values: [{ key: "B", value: "2" }, { key: "A", value: "1" }] },
      }),
    );
    expect(Object.fromEntries(d.facts.map((f) => [f.key, f.value]))).toEqual({
      cluster: "c1",
      clusterPool: "gpu",
      clusterLabel: "prod-us-east",
      namespace: "p-d",
      serviceAccount: "runner",
      iamRole: "arn:role",
      rawOutputPrefix: "s3://b/p",
      maxParallelism: "25",
      interruptible: "yes",
      overwriteCache: "yes",
    });
    expect(d.secrets).toEqual(["aws/token", "plain"]);
    expect(d.labels).toEqual([
      ["app", "x"],
      ["team", "ml"],
    ]);
    expect(d.annotations).toEqual([["cost-center", "1"]]);
    // Environment variables keep their declared order.
    expect(d.envs).toEqual([
      ["B", "2"],
      ["A", "1"],
    ]);
    expect(d.launchPlan?.version).toBe("v1");
  });

  it("falls back to the deprecated auth role for the service account and IAM role", () => {
    const d = executionDetails(exec({ authRole: { kubernetesServiceAccount: "legacy", assumableIamRole: "arn:legacy" } }));
    expect(d.facts.map((f) => [f.key, f.value])).toEqual([
      ["serviceAccount", "legacy"],
      ["iamRole", "arn:legacy"],
    ]);
  });
});
