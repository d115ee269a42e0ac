// Loading the shared Flyte fixtures in graph tests (never imported by app code).
import { fromBinary, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { readFileSync } from "node:fs";
import path from "node:path";
import { WorkflowClosureSchema, WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import {
  CompiledWorkflowClosureSchema,
  type CompiledWorkflowClosure,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";

export const fixturesDir = FLYTE_FIXTURES_DIR;

export const fixturePath = (rel: string) => path.join(fixturesDir, rel);
export const readFixtureJson = (rel: string): JsonValue => JSON.parse(readFileSync(fixturePath(rel), "utf8"));
export const readFixtureBytes = (rel: string): Uint8Array => readFileSync(fixturePath(rel));

/** A CompiledWorkflowClosure in proto3 JSON (the compiler's and FlyteAdmin's testdata). */
export function loadClosure(rel: string): CompiledWorkflowClosure {
  return fromJson(CompiledWorkflowClosureSchema, readFixtureJson(rel), { ignoreUnknownFields: true });
}

/** The compiled closure inside a captured admin.Workflow (GetWorkflow response). */
export function loadAdminWorkflowClosure(rel: string): CompiledWorkflowClosure {
  const closure = fromBinary(WorkflowSchema, readFixtureBytes(rel)).closure?.compiledWorkflow;
  if (!closure) throw new Error(`${rel}: no compiled workflow`);
  return closure;
}

/*
 * flyteconsole's stories are protobufjs objects: int64 as {low, high}, Durations as {} objects. Turn those into
 * proto3 JSON before parsing, the tolerant loading the fixture README asks for.
 */
function fromProtobufjsObject(v: JsonValue, key = ""): JsonValue {
  if (Array.isArray(v)) return v.map((x) => fromProtobufjsObject(x));
  if (v === null || typeof v !== "object") return v;
  if ("low" in v && "high" in v && typeof v.low === "number" && typeof v.high === "number") {
    return String(BigInt(v.high) * 2n ** 32n + BigInt(v.low >>> 0));
  }
  if (key === "timeout" || key === "duration") {
    const seconds = v.seconds === undefined ? "0" : fromProtobufjsObject(v.seconds);
    return `${String(seconds)}s`;
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromProtobufjsObject(x, k)]));
}

export function loadStoryClosure(rel: string): CompiledWorkflowClosure {
  const json = fromProtobufjsObject(readFixtureJson(rel));
  const wrapped = json !== null && typeof json === "object" && !Array.isArray(json) && "compiledWorkflow" in json;
  if (wrapped) {
    const closure = fromJson(WorkflowClosureSchema, json, { ignoreUnknownFields: true }).compiledWorkflow;
    if (!closure) throw new Error(`${rel}: no compiled workflow`);
    return closure;
  }
  return fromJson(CompiledWorkflowClosureSchema, json, { ignoreUnknownFields: true });
}
