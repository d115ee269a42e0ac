import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import {
  IdentifierSchema,
  NodeExecutionIdentifierSchema,
  ResourceType,
  TaskExecutionIdentifierSchema,
  WorkflowExecutionIdentifierSchema,
} from "@/lib/gen/flyteidl/core/identifier_pb";
import {
  entityKindOf,
  entityKinds,
  executionKey,
  identifierKey,
  nodeExecutionKey,
  resourceTypeLabel,
  resourceTypeName,
  resourceTypeOfKind,
  sameExecution,
  sameIdentifier,
  sameNodeExecution,
  sameTaskExecution,
  taskExecutionKey,
} from "./ids";

const exec = (name: string, org = "") =>
  create(WorkflowExecutionIdentifierSchema, {
    project: "flytesnacks",
    domain: "development",
    name,
    org,
  });
const node = (execName: string, nodeId: string) =>
  create(NodeExecutionIdentifierSchema, { executionId: exec(execName), nodeId });
const task = (version: string) =>
  create(IdentifierSchema, {
    resourceType: ResourceType.TASK,
    project: "flytesnacks",
    domain: "development",
    name: "core.flyte_basics.hello_world.say_hello",
    version,
  });
const attempt = (nodeId: string, retryAttempt: number, version = "v1") =>
  create(TaskExecutionIdentifierSchema, {
    nodeExecutionId: node("f8a1b2c3", nodeId),
    taskId: task(version),
    retryAttempt,
  });

describe("keys", () => {
  it("are readable for ordinary ids", () => {
    expect(executionKey(exec("f8a1b2c3"))).toBe("flytesnacks/development/f8a1b2c3");
    expect(nodeExecutionKey(node("f8a1b2c3", "n0"))).toBe("flytesnacks/development/f8a1b2c3/n0");
    expect(identifierKey(task("v1"))).toBe(
      "TASK/flytesnacks/development/core.flyte_basics.hello_world.say_hello/v1",
    );
  });

  it("accept plain objects equal to the messages", () => {
    expect(executionKey({ project: "flytesnacks", domain: "development", name: "f8a1b2c3" })).toBe(
      executionKey(exec("f8a1b2c3")),
    );
  });

  it("never collide for different ids, even with separators inside names", () => {
    const keys = [
      executionKey(exec("a/b")),
      executionKey({ project: "flytesnacks/development", domain: "a", name: "b" }),
      executionKey(exec("a")),
      executionKey(exec("a", "acme")),
      executionKey({ project: "acme:flytesnacks", domain: "development", name: "a" }),
    ];
    expect(new Set(keys).size).toBe(keys.length);

    const nodeKeys = [
      nodeExecutionKey(node("a", "n0/n1")),
      nodeExecutionKey(node("a/n0", "n1")),
      nodeExecutionKey(node("a", "n0-0-n1")),
    ];
    expect(new Set(nodeKeys).size).toBe(nodeKeys.length);

    const attemptKeys = [
      taskExecutionKey(attempt("n0", 0)),
      taskExecutionKey(attempt("n0", 1)),
      taskExecutionKey(attempt("n1", 0)),
      taskExecutionKey(attempt("n0", 0, "v2")),
    ];
    expect(new Set(attemptKeys).size).toBe(attemptKeys.length);
  });

  it("distinguish entities of different resource types with the same name", () => {
    const wf = { ...task("v1"), resourceType: ResourceType.WORKFLOW };
    expect(identifierKey(wf)).not.toBe(identifierKey(task("v1")));
  });
});

describe("equality", () => {
  it("compares by value, not by object identity", () => {
    expect(sameExecution(exec("x"), exec("x"))).toBe(true);
    expect(sameExecution(exec("x"), exec("y"))).toBe(false);
    expect(sameExecution(exec("x"), exec("x", "acme"))).toBe(false);
    expect(sameNodeExecution(node("x", "n0"), node("x", "n0"))).toBe(true);
    expect(sameNodeExecution(node("x", "n0"), node("x", "n1"))).toBe(false);
    expect(sameIdentifier(task("v1"), task("v1"))).toBe(true);
    expect(sameIdentifier(task("v1"), task("v2"))).toBe(false);
    expect(sameTaskExecution(attempt("n0", 2), attempt("n0", 2))).toBe(true);
    expect(sameTaskExecution(attempt("n0", 2), attempt("n0", 3))).toBe(false);
  });

  it("treats a missing id as equal only to another missing id", () => {
    expect(sameExecution(undefined, undefined)).toBe(true);
    expect(sameExecution(exec("x"), undefined)).toBe(false);
    expect(sameNodeExecution(undefined, node("x", "n0"))).toBe(false);
  });
});

describe("resource types", () => {
  it("names every generated ResourceType and survives unknown values", () => {
    expect(resourceTypeName(ResourceType.LAUNCH_PLAN)).toBe("LAUNCH_PLAN");
    expect(resourceTypeName(ResourceType.DATASET)).toBe("DATASET");
    expect(resourceTypeName(42)).toBe("UNKNOWN");
    expect(resourceTypeLabel(ResourceType.LAUNCH_PLAN)).toBe("Launch plan");
    expect(resourceTypeLabel(42)).toBe("Entity");
  });

  it("maps entity kinds to resource types and back", () => {
    for (const kind of entityKinds) expect(entityKindOf(resourceTypeOfKind(kind))).toBe(kind);
    expect(entityKindOf(ResourceType.DATASET)).toBeUndefined();
    expect(entityKindOf(ResourceType.UNSPECIFIED)).toBeUndefined();
  });
});
