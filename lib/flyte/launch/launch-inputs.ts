// What a launch form shows for each input: its type and help text, whether the launch plan gives
// a default or fixes the value, and the starting form value (a default, or a relaunched run's value).
import { create } from "@bufbuild/protobuf";
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import type { Task } from "@/lib/gen/flyteidl/admin/task_pb";
import type { TypedInterface } from "@/lib/gen/flyteidl/core/interface_pb";
import { LiteralMapSchema, type Literal, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { formValuesToLiteralMap, type ToLiteralMapResult } from "@/lib/flyte/literals/form";
import { defaultFormValue, type FieldError, type FormValue } from "@/lib/flyte/literals/form-value";
import { literalToFormValue } from "@/lib/flyte/literals/form-prefill";

export type LaunchInput = {
  name: string;
  type: LiteralType | undefined;
  description: string;
  required: boolean;
  /** The launch plan's default, when it has one. */
  defaultValue?: Literal;
};

export type LaunchInterface = {
  inputs: LaunchInput[];
  /** Inputs the launch plan fixes: shown, never sent (FlyteAdmin refuses overrides). */
  fixed: LiteralMap;
};

export function launchPlanInterface(lp: LaunchPlan): LaunchInterface {
  const params = lp.closure?.expectedInputs?.parameters ?? {};
  const inputs = Object.entries(params).map(([name, p]): LaunchInput => ({
    name,
    type: p.var?.type,
    description: p.var?.description ?? "",
    required: p.behavior.case === "required" ? p.behavior.value : p.behavior.case !== "default",
    defaultValue: p.behavior.case === "default" ? p.behavior.value : undefined,
  }));
  return { inputs, fixed: lp.spec?.fixedInputs ?? create(LiteralMapSchema) };
}

/** A task launched on its own: every input of its interface, required, no defaults. */
export function taskInterface(task: Task): LaunchInterface {
  return { inputs: interfaceInputs(task.closure?.compiledTask?.template?.interface), fixed: create(LiteralMapSchema) };
}

function interfaceInputs(iface: TypedInterface | undefined): LaunchInput[] {
  return Object.entries(iface?.inputs?.variables ?? {}).map(([name, v]) => ({
    name,
    type: v.type,
    description: v.description,
    required: true,
  }));
}

export type InputState = {
  value: FormValue;
  /**
   * Why the starting value could not be shown (an offloaded default, a type the form cannot
   * edit). Until the person edits the field, nothing is sent for it, so FlyteAdmin applies the
   * launch plan's default unchanged.
   */
  keepDefault?: string;
};

/** Starting values: a relaunched run's inputs first, then the launch plan's defaults, else empty. */
export function initialInputStates(inputs: LaunchInput[], prefill?: LiteralMap): Record<string, InputState> {
  const out: Record<string, InputState> = {};
  for (const input of inputs) {
    const given = prefill?.literals[input.name];
    const literal = given ?? input.defaultValue;
    if (!literal) {
      out[input.name] = { value: defaultFormValue(input.type) };
      continue;
    }
    const r = literalToFormValue(input.type, literal);
    if (r.ok) out[input.name] = { value: r.value };
    else if (input.defaultValue && !given) out[input.name] = { value: r.value, keepDefault: r.message };
    else out[input.name] = { value: r.value, keepDefault: undefined };
  }
  return out;
}

/** The LiteralMap to send, or every field's errors keyed by input name (paths relative to the field). */
export function launchInputsToLiterals(
  inputs: LaunchInput[],
  states: Record<string, InputState>,
): { ok: true; literals: LiteralMap } | { ok: false; errors: Record<string, FieldError[]> } {
  const toSend: Parameters<typeof formValuesToLiteralMap>[0] = {};
  for (const input of inputs) {
    const state = states[input.name];
    if (!state || state.keepDefault) continue;
    toSend[input.name] = { type: input.type, value: state.value };
  }
  const r: ToLiteralMapResult = formValuesToLiteralMap(toSend);
  if (r.ok) return { ok: true, literals: r.literals };
  const errors: Record<string, FieldError[]> = {};
  for (const e of r.errors) {
    const [name, ...path] = e.path;
    (errors[String(name)] ??= []).push({ path, message: e.message });
  }
  return { ok: false, errors };
}
