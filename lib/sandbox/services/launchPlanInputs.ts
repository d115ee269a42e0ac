// A launch plan's default and fixed inputs checked against its workflow's interface, in the order and
// with the messages of flyteadmin/pkg/manager/impl/validation (validateParameterMap, then
// checkAndFetchExpectedInputForLaunchPlan): each default value must fit its own parameter type, each
// parameter type must fit the workflow input of that name, each fixed value must fit the workflow input.
import { toJsonString } from "@bufbuild/protobuf";
import type { LaunchPlanSpec } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import type { VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { BlobTypeSchema, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { invalidArgument } from "./errors";
import { literalTypeError } from "./literalTypes";

/** A LiteralType as Go's proto String() prints it (text format), e.g. `collection_type:{simple:INTEGER}`. */
export function literalTypeText(t: LiteralType | undefined): string {
  switch (t?.type.case) {
    case "simple":
      return `simple:${SimpleType[t.type.value] ?? t.type.value}`;
    case "collectionType":
      return `collection_type:{${literalTypeText(t.type.value)}}`;
    case "mapValueType":
      return `map_value_type:{${literalTypeText(t.type.value)}}`;
    case "unionType":
      return `union_type:{${t.type.value.variants.map((v) => `variants:{${literalTypeText(v)}}`).join(" ")}}`;
    case "enumType":
      return `enum_type:{${t.type.value.values.map((v) => `values:${JSON.stringify(v)}`).join(" ")}}`;
    case "blob":
      return `blob:${toJsonString(BlobTypeSchema, t.type.value)}`;
    case "schema":
      return "schema:{}";
    case "structuredDatasetType":
      return "structured_dataset_type:{}";
    default:
      return "";
  }
}

/** The type a literal carries, as far as the value shows it (FlyteAdmin's LiteralTypeForLiteral), for messages. */
function literalTypeTextOf(lit: Literal): string {
  const v = lit.value;
  if (v.case === "collection") return `collection_type:{${v.value.literals[0] ? literalTypeTextOf(v.value.literals[0]) : "simple:NONE"}}`;
  if (v.case === "map") {
    const first = Object.values(v.value.literals)[0];
    return `map_value_type:{${first ? literalTypeTextOf(first) : "simple:NONE"}}`;
  }
  if (v.case !== "scalar") return "";
  const s = v.value.value;
  switch (s.case) {
    case "primitive": {
      const p = { integer: "INTEGER", floatValue: "FLOAT", stringValue: "STRING", boolean: "BOOLEAN", datetime: "DATETIME", duration: "DURATION" } as const;
      return s.value.value.case ? `simple:${p[s.value.value.case]}` : "";
    }
    case "noneType":
      return "simple:NONE";
    case "generic":
      return "simple:STRUCT";
    case "binary":
      return "simple:BINARY";
    case "error":
      return "simple:ERROR";
    case "blob":
      return `blob:${toJsonString(BlobTypeSchema, s.value.metadata?.type ?? { $typeName: "flyteidl.core.BlobType", format: "", dimensionality: 0 })}`;
    case "schema":
      return "schema:{}";
    case "structuredDataset":
      return "structured_dataset_type:{}";
    case "union":
      return s.value.value ? literalTypeTextOf(s.value.value) : "";
    default:
      return "";
  }
}

/** Can a value declared as `from` be bound to an input declared as `to`? (FlytePropeller's AreTypesCastable, for declared types.) */
export function typesCastable(from: LiteralType | undefined, to: LiteralType | undefined): boolean {
  if (!from?.type.case || !to?.type.case) return true;
  if (to.type.case === "unionType") {
    if (from.type.case === "unionType") return from.type.value.variants.every((f) => typesCastable(f, to));
    return to.type.value.variants.some((v) => typesCastable(from, v));
  }
  if (to.type.case === "simple" && to.type.value === SimpleType.STRUCT && from.type.case === "simple") return from.type.value === SimpleType.STRUCT;
  if (from.type.case !== to.type.case) {
    // schemas and structured datasets are interchangeable
    const tabular = new Set(["schema", "structuredDatasetType"]);
    return tabular.has(from.type.case) && tabular.has(to.type.case);
  }
  switch (from.type.case) {
    case "simple":
      return from.type.value === to.type.value;
    case "collectionType":
    case "mapValueType":
      return typesCastable(from.type.value, to.type.value as LiteralType);
    case "enumType": {
      const allowed = new Set((to.type.value as typeof from.type.value).values);
      return from.type.value.values.every((v) => allowed.has(v));
    }
    default:
      return true;
  }
}

/** Throws InvalidArgument with FlyteAdmin's message at the first input that does not fit. */
export function validateLaunchPlanInputs(spec: LaunchPlanSpec, workflowInputs: VariableMap | undefined): void {
  const defaults = Object.entries(spec.defaultInputs?.parameters ?? {});
  const fixed = Object.entries(spec.fixedInputs?.literals ?? {});
  for (const [name, param] of defaults) {
    if (!param.var?.type) throw invalidArgument(`The Variable component of the Parameter ${name} in default_inputs either is missing, or has a missing Type`);
    if (param.behavior.case !== "default" && !(param.behavior.case === "required" && param.behavior.value)) {
      throw invalidArgument(`Invalid variable ${name} in default_inputs - variable has neither default, nor is required. One must be specified`);
    }
    if (param.behavior.case === "default" && literalTypeError(param.behavior.value, param.var.type, name)) {
      throw invalidArgument(
        `Type mismatch for Parameter ${name} in default_inputs has type ${literalTypeText(param.var.type)}, expected ${literalTypeTextOf(param.behavior.value)}`,
      );
    }
  }
  const vars = workflowInputs?.variables ?? {};
  if (Object.keys(vars).length === 0) {
    if (defaults.length) throw invalidArgument(`invalid launch plan default inputs, expected none but found ${defaults.length}`);
    if (fixed.length) throw invalidArgument(`invalid launch plan fixed inputs, expected none but found ${fixed.length}`);
    return;
  }
  for (const [name, param] of defaults) {
    const want = vars[name];
    if (!want) throw invalidArgument(`unexpected default_input ${name}`);
    if (!typesCastable(param.var?.type, want.type)) {
      throw invalidArgument(`invalid default_input wrong type ${name}, expected ${literalTypeText(param.var?.type)}, got ${literalTypeText(want.type)} instead`);
    }
  }
  for (const [name, value] of fixed) {
    const want = vars[name];
    if (!want) throw invalidArgument(`unexpected fixed_input ${name}`);
    if (literalTypeError(value, want.type, name)) {
      throw invalidArgument(`invalid fixed_input wrong type ${name}, expected ${literalTypeText(want.type)}, got ${literalTypeTextOf(value)} instead`);
    }
  }
}
