// Validation of a node's input bindings: every promise must name an existing node and one of its
// outputs, with a type the input accepts. Returns the nodes the bindings read from (the implicit
// edges of the graph).
import type { Binding, BindingData } from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import type { ProblemList } from "./errors";
import { START_NODE_ID } from "./identifiers";
import { areTypesCastable, collectionOf, describeType, isOptionalType, literalTypeOfScalar, mapOf } from "./typing";

export interface InputSlot {
  type: LiteralType;
  /** May be left unbound (an optional union, or a launch plan input with a default). */
  optional: boolean;
}

/** What bindings of one workflow may read: the outputs of its top-level nodes (start-node: workflow inputs). */
export interface BindingScope {
  /** undefined: no such node; null: the node exists but its interface could not be resolved. */
  outputsOf(nodeId: string): Map<string, LiteralType> | null | undefined;
}

export interface BindingResult {
  upstreamNodeIds: string[];
  /** The type each bound input receives (undefined when it could not be resolved). */
  boundTypes: Map<string, LiteralType | undefined>;
}

/**
 * Validates `bindings` of node `nodeId` against its declared `inputs`. With `inputs` undefined (branch
 * and approve-gate nodes, whose inputs are whatever they bind) only the references are checked.
 * Promises with an empty node id are rewritten to read from start-node, as FlytePropeller does.
 */
export function validateBindings(
  nodeId: string,
  bindings: Binding[],
  inputs: Map<string, InputSlot> | undefined,
  scope: BindingScope,
  problems: ProblemList,
): BindingResult {
  const upstream = new Set<string>();
  const boundTypes = new Map<string, LiteralType | undefined>();
  for (const binding of bindings) {
    const slot = inputs?.get(binding.var);
    if (inputs && !slot) {
      const known = [...inputs.keys()].join(", ") || "none";
      problems.add("VariableNameNotFound", nodeId, `binds input '${binding.var}', which it does not have (inputs: ${known})`);
      continue;
    }
    if (!binding.binding) {
      problems.add("ValueRequired", nodeId, `input '${binding.var}' has an empty binding`);
      continue;
    }
    if (boundTypes.has(binding.var)) {
      problems.add("ParameterBoundMoreThanOnce", nodeId, `input '${binding.var}' is bound more than once`);
      continue;
    }
    const check = new BindingCheck(nodeId, binding.var, scope, problems, upstream);
    boundTypes.set(binding.var, check.run(binding.binding, slot?.type));
  }
  if (inputs) {
    for (const [name, slot] of inputs) {
      if (!boundTypes.has(name) && !slot.optional && !isOptionalType(slot.type)) {
        problems.add("ParameterNotBound", nodeId, `input '${name}' (${describeType(slot.type)}) is not bound`);
      }
    }
  }
  return { upstreamNodeIds: [...upstream], boundTypes };
}

class BindingCheck {
  constructor(
    private readonly nodeId: string,
    private readonly input: string,
    private readonly scope: BindingScope,
    private readonly problems: ProblemList,
    private readonly upstream: Set<string>,
  ) {}

  /** Returns the type the binding produces, or undefined when it is invalid or untyped. */
  run(data: BindingData, expected: LiteralType | undefined): LiteralType | undefined {
    const v = data.value;
    switch (v.case) {
      case "promise":
        return this.promise(v.value, expected);
      case "scalar": {
        const actual = literalTypeOfScalar(v.value);
        if (!actual) {
          this.problems.add("ValueRequired", this.nodeId, `input '${this.input}' is bound to an empty literal`);
          return undefined;
        }
        if (expected) this.expectCastable(actual, expected, "a literal");
        if (expected?.type.case === "enumType" && v.value.value.case === "primitive") {
          const p = v.value.value.value.value;
          if (p.case === "stringValue" && !expected.type.value.values.includes(p.value)) {
            this.problems.add(
              "IllegalEnumValue",
              this.nodeId,
              `input '${this.input}' is bound to '${p.value}', not one of ${expected.type.value.values.join(", ")}`,
            );
          }
        }
        return actual;
      }
      case "collection": {
        const element = this.containerElement(expected, "collectionType");
        let last: LiteralType | undefined;
        for (const item of v.value.bindings) last = this.run(item, element) ?? last;
        return last ? collectionOf(last) : undefined;
      }
      case "map": {
        const value = this.containerElement(expected, "mapValueType");
        let last: LiteralType | undefined;
        for (const item of Object.values(v.value.bindings)) last = this.run(item, value) ?? last;
        return last ? mapOf(last) : undefined;
      }
      case "offloadedMetadata":
        return v.value.inferredType;
      default:
        this.problems.add("ValueRequired", this.nodeId, `input '${this.input}' has an empty binding`);
        return undefined;
    }
  }

  private containerElement(
    expected: LiteralType | undefined,
    kind: "collectionType" | "mapValueType",
  ): LiteralType | undefined {
    if (!expected) return undefined;
    const candidates = expected.type.case === "unionType" ? expected.type.value.variants : [expected];
    const match = candidates.find((t) => t.type.case === kind);
    if (match && match.type.case === kind) return match.type.value;
    const what = kind === "collectionType" ? "a list" : "a map";
    this.problems.add(
      "MismatchingTypes",
      this.nodeId,
      `input '${this.input}' expects ${describeType(expected)} but is bound to ${what}`,
    );
    return undefined;
  }

  private promise(
    ref: { nodeId: string; var: string; attrPath: unknown[] },
    expected: LiteralType | undefined,
  ): LiteralType | undefined {
    if (ref.nodeId === "") ref.nodeId = START_NODE_ID;
    const outputs = this.scope.outputsOf(ref.nodeId);
    if (outputs === undefined) {
      this.problems.add(
        "NodeReferenceNotFound",
        this.nodeId,
        `input '${this.input}' reads from node '${ref.nodeId}', which does not exist in this workflow`,
      );
      return undefined;
    }
    this.upstream.add(ref.nodeId);
    if (outputs === null) return undefined; // already reported where that node was resolved
    const { name, indexed } = parseVarName(ref.var);
    const source = outputs.get(name);
    if (!source) {
      const what = ref.nodeId === START_NODE_ID ? "the workflow has no input" : `node '${ref.nodeId}' has no output`;
      const known = [...outputs.keys()].join(", ") || "none";
      this.problems.add("OutputNotFound", this.nodeId, `input '${this.input}' reads '${name}', but ${what} of that name (has: ${known})`);
      return undefined;
    }
    let actual = source;
    if (indexed) {
      if (source.type.case !== "collectionType") {
        this.problems.add("MismatchingTypes", this.nodeId, `input '${this.input}' indexes '${name}', which is not a list`);
        return undefined;
      }
      actual = source.type.value;
    }
    // Attribute paths reach into dataclasses and collections; their types are checked at run time.
    if (expected && ref.attrPath.length === 0) this.expectCastable(actual, expected, `${ref.nodeId}.${ref.var}`);
    return actual;
  }

  private expectCastable(actual: LiteralType, expected: LiteralType, source: string): void {
    if (areTypesCastable(actual, expected)) return;
    this.problems.add(
      "MismatchingTypes",
      this.nodeId,
      `input '${this.input}' expects ${describeType(expected)} but ${source} is ${describeType(actual)}`,
    );
  }
}

function parseVarName(v: string): { name: string; indexed: boolean } {
  const m = /^(.*)\[(\d+)\]$/.exec(v);
  return m ? { name: m[1], indexed: true } : { name: v, indexed: false };
}
