// Input resolution: a node's bindings (literals, collections/maps of bindings, promises of upstream
// outputs with attribute paths) to the LiteralMap it runs with.
import { create, type JsonValue } from "@bufbuild/protobuf";
import type { VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import {
  LiteralSchema,
  type Binding,
  type BindingData,
  type Literal,
  type LiteralMap,
} from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType, PromiseAttribute } from "@/lib/gen/flyteidl/core/types_pb";
import { findLaunchPlan, nodeSubWorkflow, nodeTaskTemplate, START_NODE_ID } from "@/lib/flyte/closure";
import { scopeNodeOutputs, type Round, type Scope } from "./context";
import { generateLiteral } from "./literal-gen";
import { lit, literalFromJson, literalMap } from "./literals";

function followJson(value: JsonValue, path: readonly PromiseAttribute[]): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const attr of path) {
    if (current === null || current === undefined || typeof current !== "object") return undefined;
    const key: string | number = attr.value.case === "intValue" ? attr.value.value : String(attr.value.value ?? "");
    current = Array.isArray(current) ? current[Number(key)] : current[String(key)];
  }
  return current;
}

/** Walks a promise's attribute path (dataclass fields, dict keys, list indices) into a literal. */
export function followAttrPath(literal: Literal, path: readonly PromiseAttribute[]): Literal | undefined {
  let current: Literal | undefined = literal;
  for (let i = 0; i < path.length && current; i++) {
    const attr = path[i];
    const v: Literal["value"] = current.value;
    if (v.case === "map") {
      current = v.value.literals[String(attr.value.value ?? "")];
    } else if (v.case === "collection") {
      current = v.value.literals[Number(attr.value.value ?? -1)];
    } else if (v.case === "scalar" && v.value.value.case === "generic") {
      const found = followJson(v.value.value.value, path.slice(i));
      return found === undefined ? undefined : literalFromJson(found, undefined);
    } else {
      return undefined;
    }
  }
  return current;
}

function resolveData(
  r: Round,
  scope: Scope,
  data: BindingData | undefined,
  expected: LiteralType | undefined,
  seed: string,
): Literal {
  const v = data?.value;
  switch (v?.case) {
    case "scalar":
      return create(LiteralSchema, { value: { case: "scalar", value: v.value } });
    case "collection": {
      const itemType = expected?.type.case === "collectionType" ? expected.type.value : undefined;
      return lit.list(v.value.bindings.map((b, i) => resolveData(r, scope, b, itemType, `${seed}[${i}]`)));
    }
    case "map": {
      const valueType = expected?.type.case === "mapValueType" ? expected.type.value : undefined;
      const entries: Record<string, Literal> = {};
      for (const [k, b] of Object.entries(v.value.bindings)) entries[k] = resolveData(r, scope, b, valueType, `${seed}{${k}}`);
      return lit.map(entries);
    }
    case "promise": {
      const outputs = scopeNodeOutputs(r, scope, v.value.nodeId);
      const found = outputs?.literals[v.value.var];
      const resolved = found && (v.value.attrPath.length ? followAttrPath(found, v.value.attrPath) : found);
      // An upstream that recorded no such output (a store that keeps outputs elsewhere, a hand-built
      // closure) still lets the run move on with a generated value of the expected type. Branch nodes
      // declare no interface of their own, so the type then comes from what the upstream declares.
      if (resolved) return resolved;
      const type = expected ?? (v.value.attrPath.length ? undefined : upstreamOutputType(r, scope, v.value.nodeId, v.value.var));
      return generateLiteral(type, seed);
    }
    case "offloadedMetadata":
      return create(LiteralSchema, { value: { case: "offloadedMetadata", value: v.value } });
    default:
      return lit.none();
  }
}

/** The declared type of an output of a node of this scope ("start-node": the scope's inputs). */
function upstreamOutputType(r: Round, scope: Scope, specNodeId: string, name: string): LiteralType | undefined {
  if (specNodeId === START_NODE_ID) return scope.template.interface?.inputs?.variables[name]?.type;
  const node = scope.template.nodes.find((x) => x.id === specNodeId);
  if (!node) return undefined;
  const t = node.target;
  const outputs =
    nodeTaskTemplate(scope.closure, node)?.interface?.outputs ??
    nodeSubWorkflow(scope.closure, node)?.template?.interface?.outputs ??
    (t.case === "workflowNode" && t.value.reference.case === "launchplanRef"
      ? (findLaunchPlan(scope.closure, t.value.reference.value)?.interface?.outputs ??
        r.snap.launchPlanWorkflow(t.value.reference.value)?.primary?.template?.interface?.outputs)
      : undefined);
  return outputs?.variables[name]?.type;
}

/** The inputs a node runs with; `expected` (its interface inputs) types values it must make up. */
export function resolveBindings(
  r: Round,
  scope: Scope,
  bindings: readonly Binding[],
  expected: VariableMap | undefined,
  seed: string,
): LiteralMap {
  const entries: Record<string, Literal> = {};
  for (const b of bindings) {
    entries[b.var] = resolveData(r, scope, b.binding, expected?.variables[b.var]?.type, `${seed}/${b.var}`);
  }
  return literalMap(entries);
}
