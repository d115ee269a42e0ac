// Does a literal fit a declared type? What FlyteAdmin checks before it accepts launch
// inputs, fixed inputs of a launch plan, or a signal value. Returns a reason, or undefined.
import { SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import type { ParameterMap, VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";

const SIMPLE_CASES: Partial<Record<SimpleType, string[]>> = {
  [SimpleType.INTEGER]: ["integer"],
  // flytekit sends whole floats as integers sometimes; FlyteAdmin's type check casts int → float.
  [SimpleType.FLOAT]: ["floatValue", "integer"],
  [SimpleType.STRING]: ["stringValue"],
  [SimpleType.BOOLEAN]: ["boolean"],
  [SimpleType.DATETIME]: ["datetime"],
  [SimpleType.DURATION]: ["duration"],
};

function describe(t: LiteralType): string {
  switch (t.type.case) {
    case "simple":
      return SimpleType[t.type.value] ?? "unknown";
    case "collectionType":
      return `list of ${describe(t.type.value)}`;
    case "mapValueType":
      return `map of ${describe(t.type.value)}`;
    case "enumType":
      return `enum {${t.type.value.values.join(", ")}}`;
    case "unionType":
      return `union of ${t.type.value.variants.map(describe).join(" | ")}`;
    case undefined:
      return "unknown";
    default:
      return t.type.case.replace(/Type$/, "");
  }
}

export function literalTypeError(value: Literal, type: LiteralType | undefined, path = "value"): string | undefined {
  if (!type || type.type.case === undefined) return undefined;
  const scalar = value.value.case === "scalar" ? value.value.value.value : undefined;
  const mismatch = () => `${path}: expected ${describe(type)}, got ${value.value.case === "scalar" ? (scalar?.case ?? "empty scalar") : (value.value.case ?? "an empty literal")}`;
  switch (type.type.case) {
    case "simple": {
      const simple = type.type.value;
      if (simple === SimpleType.NONE) return scalar?.case === "noneType" ? undefined : mismatch();
      if (simple === SimpleType.STRUCT) return scalar?.case === "generic" || scalar?.case === "binary" ? undefined : mismatch();
      if (simple === SimpleType.BINARY) return scalar?.case === "binary" ? undefined : mismatch();
      if (simple === SimpleType.ERROR) return scalar?.case === "error" ? undefined : mismatch();
      const allowed = SIMPLE_CASES[simple];
      if (!allowed) return undefined;
      return scalar?.case === "primitive" && allowed.includes(scalar.value.value.case ?? "") ? undefined : mismatch();
    }
    case "blob":
      return scalar?.case === "blob" ? undefined : mismatch();
    case "schema":
      return scalar?.case === "schema" || scalar?.case === "structuredDataset" ? undefined : mismatch();
    case "structuredDatasetType":
      return scalar?.case === "structuredDataset" || scalar?.case === "schema" ? undefined : mismatch();
    case "enumType": {
      if (scalar?.case !== "primitive" || scalar.value.value.case !== "stringValue") return mismatch();
      const v = scalar.value.value.value;
      return type.type.value.values.includes(v) ? undefined : `${path}: '${v}' is not one of ${type.type.value.values.join(", ")}`;
    }
    case "collectionType": {
      if (value.value.case !== "collection") return mismatch();
      const element = type.type.value;
      for (const [i, item] of value.value.value.literals.entries()) {
        const err = literalTypeError(item, element, `${path}[${i}]`);
        if (err) return err;
      }
      return undefined;
    }
    case "mapValueType": {
      if (value.value.case !== "map") return mismatch();
      const element = type.type.value;
      for (const [k, item] of Object.entries(value.value.value.literals)) {
        const err = literalTypeError(item, element, `${path}.${k}`);
        if (err) return err;
      }
      return undefined;
    }
    case "unionType": {
      const variants = type.type.value.variants;
      const inner = scalar?.case === "union" ? scalar.value.value : value;
      if (!inner) return mismatch();
      return variants.some((v) => literalTypeError(inner, v) === undefined) ? undefined : mismatch();
    }
    default:
      return undefined;
  }
}

/** Checks named inputs against a variable map: unknown names and type mismatches. */
export function inputsTypeErrors(inputs: LiteralMap | undefined, vars: VariableMap | undefined): string[] {
  const errors: string[] = [];
  for (const [name, value] of Object.entries(inputs?.literals ?? {})) {
    const v = vars?.variables[name];
    if (!v) {
      errors.push(`unknown input '${name}'`);
      continue;
    }
    const err = literalTypeError(value, v.type, name);
    if (err) errors.push(err);
  }
  return errors;
}

/** Checks named inputs against a parameter map (a launch plan's expected inputs). */
export function parametersTypeErrors(inputs: LiteralMap | undefined, params: ParameterMap | undefined): string[] {
  const errors: string[] = [];
  for (const [name, value] of Object.entries(inputs?.literals ?? {})) {
    const p = params?.parameters[name];
    if (!p) {
      errors.push(`unknown input '${name}'`);
      continue;
    }
    const err = literalTypeError(value, p.var?.type, name);
    if (err) errors.push(err);
  }
  return errors;
}
