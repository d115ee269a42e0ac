// An entity's typed interface as rows a person reads: name, type, description, default. Pure.
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import type { Task } from "@/lib/gen/flyteidl/admin/task_pb";
import type { Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { Parameter, TypedInterface, Variable } from "@/lib/gen/flyteidl/core/interface_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { literalToDisplay } from "../literals/display";
import type { DisplayNode } from "../literals/display-node";
import { displayToJson, stringifyJson } from "../literals/json";
import { literalTypeToString } from "../literals/type-string";

export interface InterfaceRow {
  name: string;
  type: string;
  description: string;
  /** Inputs only: the launch plan requires a value. */
  required?: boolean;
  /** Inputs only: the default value, in one line. */
  defaultText?: string;
  /** Inputs only: a fixed value a launch plan sets (cannot be changed at launch). */
  fixed?: boolean;
}

const MAX_PREVIEW = 120;

function clip(s: string): string {
  return s.length > MAX_PREVIEW ? `${s.slice(0, MAX_PREVIEW - 1)}…` : s;
}

/** One line for a value: what a person needs to recognise a default. */
export function displayPreview(node: DisplayNode): string {
  switch (node.kind) {
    case "primitive":
      return clip(node.primitive === "string" ? JSON.stringify(node.text) : node.text);
    case "none":
      return "None";
    case "blob":
    case "structuredDataset":
    case "schema":
    case "offloaded":
      return clip(node.uri);
    case "union":
      return displayPreview(node.value);
    case "error":
      return clip(node.message);
    case "unknown":
      return node.reason;
    default:
      return clip(stringifyJson(displayToJson(node), 0));
  }
}

function byName<T>(entries: { [name: string]: T } | undefined): [string, T][] {
  // Interfaces are maps: FlyteAdmin does not keep declaration order, so sort for a stable view.
  return Object.entries(entries ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

function variableRow(name: string, v: Variable | undefined): InterfaceRow {
  return { name, type: literalTypeToString(v?.type), description: v?.description ?? "" };
}

/** Outputs of an interface. */
export function outputRows(iface: TypedInterface | undefined): InterfaceRow[] {
  return byName(iface?.outputs?.variables).map(([name, v]) => variableRow(name, v));
}

/**
 * Inputs of an interface. With a launch plan's parameters, each input also says whether it is
 * required and what its default is; fixed inputs are marked and show their value.
 */
export function inputRows(
  iface: TypedInterface | undefined,
  parameters?: { [name: string]: Parameter },
  fixed?: { [name: string]: Literal },
): InterfaceRow[] {
  const names = new Set([...Object.keys(iface?.inputs?.variables ?? {}), ...Object.keys(parameters ?? {})]);
  return [...names].sort().map((name) => {
    const param = parameters?.[name];
    const variable = iface?.inputs?.variables[name] ?? param?.var;
    const row = variableRow(name, variable);
    if (fixed?.[name]) return { ...row, fixed: true, defaultText: displayPreview(literalToDisplay(fixed[name], variable?.type)) };
    if (!param) return parameters ? { ...row, required: true } : row;
    switch (param.behavior.case) {
      case "default":
        return { ...row, required: false, defaultText: displayPreview(literalToDisplay(param.behavior.value, variable?.type)) };
      case "required":
        return { ...row, required: param.behavior.value };
      case "artifactQuery":
      case "artifactId":
        return { ...row, required: false, defaultText: "from an artifact" };
      default:
        return { ...row, required: false };
    }
  });
}

export interface InterfaceRows {
  inputs: InterfaceRow[];
  outputs: InterfaceRow[];
}

/** A launch plan's inputs (required, defaults, fixed values) and outputs. */
export function launchPlanInterfaceRows(lp: LaunchPlan | undefined): InterfaceRows {
  const variables = lp?.closure?.expectedOutputs?.variables;
  return {
    inputs: inputRows(undefined, lp?.closure?.expectedInputs?.parameters ?? {}, lp?.spec?.fixedInputs?.literals),
    outputs: byName(variables).map(([name, v]) => variableRow(name, v)),
  };
}

/**
 * A workflow's interface; with its default launch plan (same name and version, which
 * registration creates), inputs also show defaults and which are required.
 */
export function workflowInterfaceRows(wf: Workflow | undefined, defaultLaunchPlan?: LaunchPlan): InterfaceRows {
  const iface = wf?.closure?.compiledWorkflow?.primary?.template?.interface;
  return {
    inputs: inputRows(iface, defaultLaunchPlan?.closure?.expectedInputs?.parameters, defaultLaunchPlan?.spec?.fixedInputs?.literals),
    outputs: outputRows(iface),
  };
}

export function taskInterfaceRows(task: Task | undefined): InterfaceRows {
  const iface = task?.closure?.compiledTask?.template?.interface;
  return { inputs: inputRows(iface), outputs: outputRows(iface) };
}
