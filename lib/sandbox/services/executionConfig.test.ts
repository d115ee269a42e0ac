import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ExecutionSpecSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { LaunchPlanSpecSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { WorkflowExecutionConfigSchema } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import { resolveExecutionSpec, type ExecutionDefaults } from "./executionConfig";

const domainConfig = create(WorkflowExecutionConfigSchema, {
  maxParallelism: 25,
  securityContext: { runAs: { k8sServiceAccount: "runner" } },
  rawOutputDataConfig: { outputLocationPrefix: "s3://bucket/dev" },
  labels: { values: { team: "platform" } },
  interruptible: true,
});
const projectConfig = create(WorkflowExecutionConfigSchema, { maxParallelism: 5, overwriteCache: true, envs: { values: [{ key: "A", value: "1" }] } });
const defaults: ExecutionDefaults = { workflowExecutionConfigs: [domainConfig, projectConfig], projectLabels: { "flyte.org/sandbox": "true", team: "project" } };

describe("an execution's spec as FlyteAdmin stores it", () => {
  it("takes what the request leaves unset from the launch plan, then the domain's settings, then the project's", () => {
    const spec = create(ExecutionSpecSchema, { maxParallelism: 3 });
    const lp = create(LaunchPlanSpecSchema, { securityContext: { runAs: { iamRole: "arn:aws:iam::1:role/lp" } }, labels: { values: {} } });
    resolveExecutionSpec(spec, lp, defaults);
    expect(spec.maxParallelism).toBe(3);
    expect(spec.securityContext?.runAs?.iamRole).toBe("arn:aws:iam::1:role/lp");
    expect(spec.securityContext?.runAs?.k8sServiceAccount).toBe("");
    expect(spec.rawOutputDataConfig?.outputLocationPrefix).toBe("s3://bucket/dev");
    expect(spec.interruptible).toBe(true);
    expect(spec.overwriteCache).toBe(true);
    expect(spec.envs?.values.map((e) => [e.key, e.value])).toEqual([["A", "1"]]);
    // The domain's labels, and the project's for keys the run does not set.
    expect(spec.labels?.values).toEqual({ team: "platform", "flyte.org/sandbox": "true" });
  });

  it("keeps the request's own values, labels whole", () => {
    const spec = create(ExecutionSpecSchema, { labels: { values: { run: "x" } }, securityContext: { runAs: { k8sServiceAccount: "mine" } }, interruptible: false });
    resolveExecutionSpec(spec, undefined, defaults);
    expect(spec.labels?.values).toEqual({ run: "x", "flyte.org/sandbox": "true", team: "project" });
    expect(spec.securityContext?.runAs?.k8sServiceAccount).toBe("mine");
    expect(spec.interruptible).toBe(false);
  });

  it("with nothing set anywhere: an empty run-as identity, not interruptible, no parallelism limit", () => {
    const spec = create(ExecutionSpecSchema, { authRole: undefined });
    resolveExecutionSpec(spec, undefined, { workflowExecutionConfigs: [], projectLabels: {} });
    expect(spec.securityContext?.runAs).toBeDefined();
    expect(spec.securityContext?.runAs?.k8sServiceAccount).toBe("");
    expect(spec.interruptible).toBe(false);
    expect(spec.maxParallelism).toBe(0);
    expect(spec.labels?.values).toEqual({});
  });

  it("reads a run-as identity from the deprecated auth role when nothing else sets one", () => {
    const spec = create(ExecutionSpecSchema, { authRole: { kubernetesServiceAccount: "legacy-sa" } });
    resolveExecutionSpec(spec, undefined, { workflowExecutionConfigs: [], projectLabels: {} });
    expect(spec.securityContext?.runAs?.k8sServiceAccount).toBe("legacy-sa");
  });
});
