import { describe, expect, it } from "vitest";
import { create, fromJson, toJson } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { ExecutionCreateRequestSchema, ExecutionSpecSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { LaunchPlanSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { TaskSchema } from "@/lib/gen/flyteidl/admin/task_pb";
import { IdentifierSchema, ResourceType, WorkflowExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { NONE, prim, T } from "@/lib/flyte/literals/literals.testutil";
import { buildExecutionCreateRequest, describeLaunchFailure } from "./create-request";
import { executionNameProblem, newExecutionName } from "./execution-name";
import { initialInputStates, launchInputsToLiterals, launchPlanInterface, taskInterface } from "./launch-inputs";
import { emptyLaunchOptions, launchOptionsFromSpec, launchOptionsToSpec, validateLaunchOptions, type LaunchOptions } from "./launch-options";

const lp = fromJson(LaunchPlanSchema, {
  id: { resourceType: "LAUNCH_PLAN", project: "p", domain: "d", name: "wf", version: "v1" },
  spec: { fixedInputs: { literals: { region: prim({ stringValue: "eu" }) } } },
  closure: {
    expectedInputs: {
      parameters: {
        count: { var: { type: T.int, description: "How many" }, required: true },
        ratio: { var: { type: T.float }, default: prim({ floatValue: 0.5 }) },
        maybe: { var: { type: T.union(T.int, T.none) }, default: NONE },
        blob: { var: { type: T.list(T.int) }, default: { offloadedMetadata: { uri: "s3://b/k", sizeBytes: "10" } } },
      },
    },
  },
});

describe("launch inputs", () => {
  it("reads a launch plan's inputs with types, descriptions, defaults, and its fixed inputs apart", () => {
    const iface = launchPlanInterface(lp);
    expect(iface.inputs.map((i) => [i.name, i.required, i.description, Boolean(i.defaultValue)])).toEqual([
      ["count", true, "How many", false],
      ["ratio", false, "", true],
      ["maybe", false, "", true],
      ["blob", false, "", true],
    ]);
    expect(Object.keys(iface.fixed.literals)).toEqual(["region"]);
  });

  it("prefills defaults; sends every input but the fixed ones and the defaults it could not show", () => {
    const iface = launchPlanInterface(lp);
    const states = initialInputStates(iface.inputs);
    expect(states.count.value).toEqual({ kind: "integer", text: "" });
    expect(states.ratio.value).toEqual({ kind: "float", text: "0.5" });
    expect(states.maybe.value).toEqual({ kind: "union", variant: 1, value: { kind: "none" } });
    expect(states.blob.keepDefault).toMatch(/offloaded/);

    const missing = launchInputsToLiterals(iface.inputs, states);
    expect(missing).toEqual({ ok: false, errors: { count: [{ path: [], message: "enter a whole number" }] } });

    const r = launchInputsToLiterals(iface.inputs, { ...states, count: { value: { kind: "integer", text: "7" } } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(Object.keys(r.literals.literals).sort()).toEqual(["count", "maybe", "ratio"]);
    expect(toJson(LiteralMapSchema, r.literals)).toMatchObject({ literals: { count: prim({ integer: "7" }) } });
  });

  it("prefills a relaunch from the execution's values over the defaults", () => {
    const iface = launchPlanInterface(lp);
    const prefill = fromJson(LiteralMapSchema, { literals: { count: prim({ integer: "3" }), ratio: prim({ floatValue: 2 }) } });
    const states = initialInputStates(iface.inputs, prefill);
    expect(states.count.value).toEqual({ kind: "integer", text: "3" });
    expect(states.ratio.value).toEqual({ kind: "float", text: "2.0" });
  });

  it("keeps nested errors at their path within the field", () => {
    const iface = { inputs: [{ name: "xs", type: lpType(T.list(T.int)), description: "", required: true }], fixed: create(LiteralMapSchema) };
    const r = launchInputsToLiterals(iface.inputs, { xs: { value: { kind: "list", items: [{ kind: "integer", text: "1" }, { kind: "integer", text: "x" }] } } });
    expect(r).toEqual({ ok: false, errors: { xs: [{ path: [1], message: "must be a whole number" }] } });
  });

  it("reads a task's interface as required inputs", () => {
    const task = fromJson(TaskSchema, {
      id: { resourceType: "TASK", project: "p", domain: "d", name: "t", version: "v" },
      closure: { compiledTask: { template: { interface: { inputs: { variables: { a: { type: T.str, description: "A" } } } } } } },
    });
    expect(taskInterface(task).inputs).toEqual([{ name: "a", type: expect.anything(), description: "A", required: true }]);
  });
});

function lpType(json: Parameters<typeof T.list>[0]) {
  return fromJson(LaunchPlanSchema, { closure: { expectedInputs: { parameters: { x: { var: { type: json } } } } } }).closure!.expectedInputs!.parameters.x.var!.type;
}

describe("execution names", () => {
  it("look like FlyteAdmin's: a letter then 19 lowercase letters or digits", () => {
    for (let i = 0; i < 50; i++) expect(newExecutionName()).toMatch(/^[a-z][a-z0-9]{19}$/);
    expect(newExecutionName(() => new Uint8Array(20).fill(27))).toBe("b" + "1".repeat(19));
  });

  it("refuse what FlyteAdmin refuses", () => {
    expect(executionNameProblem("nightly-run-1")).toBeUndefined();
    expect(executionNameProblem("Nightly")).toMatch(/lowercase/);
    expect(executionNameProblem("1abc")).toMatch(/starting with a letter/);
    expect(executionNameProblem("abc-")).toMatch(/not ending/);
    expect(executionNameProblem("a".repeat(64))).toMatch(/63/);
  });
});

describe("advanced options", () => {
  const full: LaunchOptions = {
    executionName: "",
    labels: [{ key: "team", value: "ml" }],
    annotations: [{ key: "example.com/owner", value: "Ana María" }],
    envs: [{ key: "LOG_LEVEL", value: "debug" }],
    tags: "nightly, eu  nightly",
    maxParallelism: "25",
    rawOutputPrefix: "s3://bucket/raw",
    serviceAccount: "flyte-sa",
    iamRole: "arn:aws:iam::1:role/r",
    interruptible: "false",
    overwriteCache: true,
    clusterPool: "gpu",
    disableNotifications: true,
  };

  it("map onto ExecutionSpec fields and back (a relaunch keeps them)", () => {
    const spec = create(ExecutionSpecSchema, launchOptionsToSpec(full));
    expect(toJson(ExecutionSpecSchema, spec)).toEqual({
      labels: { values: { team: "ml" } },
      annotations: { values: { "example.com/owner": "Ana María" } },
      envs: { values: [{ key: "LOG_LEVEL", value: "debug" }] },
      tags: ["nightly", "eu"],
      maxParallelism: 25,
      rawOutputDataConfig: { outputLocationPrefix: "s3://bucket/raw" },
      securityContext: { runAs: { k8sServiceAccount: "flyte-sa", iamRole: "arn:aws:iam::1:role/r" } },
      interruptible: false,
      overwriteCache: true,
      clusterAssignment: { clusterPoolName: "gpu" },
      disableAll: true,
    });
    expect(launchOptionsFromSpec(spec)).toEqual({ ...full, tags: "nightly, eu" });
  });

  it("leave everything unset when nothing is chosen", () => {
    expect(toJson(ExecutionSpecSchema, create(ExecutionSpecSchema, launchOptionsToSpec(emptyLaunchOptions())))).toEqual({});
    expect(launchOptionsFromSpec(undefined)).toEqual(emptyLaunchOptions());
  });

  it("say what is wrong, per field", () => {
    const errors = validateLaunchOptions({
      ...emptyLaunchOptions(),
      executionName: "Bad Name",
      labels: [{ key: "ok", value: "has space" }, { key: "ok", value: "" }],
      envs: [{ key: "1X", value: "" }],
      maxParallelism: "-1",
      rawOutputPrefix: "bucket/raw",
    });
    expect(errors).toEqual({
      executionName: expect.stringMatching(/lowercase/),
      "labels.0.value": expect.stringMatching(/63/),
      "labels.1.key": 'duplicate key "ok"',
      "envs.0.key": expect.stringMatching(/digit/),
      maxParallelism: "must be a whole number ≥ 0",
      rawOutputPrefix: expect.stringMatching(/URI/),
    });
    expect(validateLaunchOptions(full)).toEqual({});
  });
});

describe("the create request", () => {
  const target = create(IdentifierSchema, { resourceType: ResourceType.LAUNCH_PLAN, project: "p", domain: "d", name: "wf", version: "v1" });
  const inputs = fromJson(LiteralMapSchema, { literals: { a: prim({ integer: "1" }) } });

  it("names the execution, sends inputs at the top level and the options in the spec", () => {
    const req = buildExecutionCreateRequest({ project: "p", domain: "d", name: "abc", target, inputs, options: { ...emptyLaunchOptions(), tags: "x" } });
    expect(toJson(ExecutionCreateRequestSchema, req)).toEqual({
      project: "p",
      domain: "d",
      name: "abc",
      inputs: { literals: { a: prim({ integer: "1" }) } },
      spec: { launchPlan: toJson(IdentifierSchema, target), metadata: {}, tags: ["x"] },
    });
  });

  it("marks an edited relaunch as a relaunch of the original", () => {
    const original = create(WorkflowExecutionIdentifierSchema, { project: "p", domain: "d", name: "orig" });
    const req = buildExecutionCreateRequest({ project: "p", domain: "d", name: "abc", target, inputs, options: emptyLaunchOptions(), relaunchOf: original });
    expect(toJson(ExecutionCreateRequestSchema, req)).toMatchObject({
      spec: { metadata: { mode: "RELAUNCH", referenceExecution: { project: "p", domain: "d", name: "orig" } } },
    });
  });

  it("reads FlyteAdmin's refusals: exists, permission, retryable network trouble", () => {
    expect(describeLaunchFailure(Code.AlreadyExists, "x").alreadyCreated).toBe(true);
    expect(describeLaunchFailure(Code.PermissionDenied, "nope").title).toMatch(/Permission denied/);
    expect(describeLaunchFailure(Code.Unavailable, "down").retryable).toBe(true);
    expect(describeLaunchFailure(Code.InvalidArgument, "bad input 'a'")).toMatchObject({ retryable: false, message: "bad input 'a'" });
  });
});
