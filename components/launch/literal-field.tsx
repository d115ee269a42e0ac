"use client";
// One typed input (a launch input, a signal value): its label, type hint, help text and an editor
// built from the LiteralType. Errors come from formValueToLiteral, with paths relative to this
// field; `validateFormValue` gives them for callers that validate one field at a time.
import type { ReactNode } from "react";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { formValueToLiteral } from "@/lib/flyte/literals/form";
import type { FieldError, FormValue } from "@/lib/flyte/literals/form-value";
import { literalTypeToString } from "@/lib/flyte/literals/type-string";
import { pathId } from "./field-parts";
import { ValueEditor } from "./value-editor";

export type { FieldError, FormValue } from "@/lib/flyte/literals/form-value";

/** The messages to show for a value, [] when it converts to a Literal. */
export function validateFormValue(type: LiteralType | undefined, value: FormValue): FieldError[] {
  const r = formValueToLiteral(type, value);
  return r.ok ? [] : r.errors;
}

export function LiteralField({
  type,
  value,
  onChange,
  errors = [],
  label,
  name,
  description,
  badge,
  readOnly = false,
}: {
  type: LiteralType | undefined;
  value: FormValue;
  onChange: (value: FormValue) => void;
  /** Paths relative to this field ([] is the field itself). */
  errors?: FieldError[];
  label?: ReactNode;
  /** The input's name: ids, test ids ("literal-input-<name>") and nested accessible names ("xs[0]"). */
  name: string;
  /** Help text, e.g. the interface's variable description. */
  description?: string;
  /** A short note beside the type, e.g. "default" or "fixed". */
  badge?: ReactNode;
  readOnly?: boolean;
}) {
  const baseId = `lf-${name}`;
  const labelId = `${pathId(baseId, [])}-label`;
  const typeText = literalTypeToString(type);
  return (
    <div
      className="space-y-1.5"
      data-testid={`literal-field-${name}`}
      data-invalid={errors.length > 0 || undefined}
      data-kind={value.kind}
    >
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <label id={labelId} htmlFor={pathId(baseId, [])} className="font-mono text-sm font-medium text-slate-900">
          {label ?? name}
        </label>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600" data-testid="literal-field-type">
          {typeText}
        </span>
        {badge}
      </div>
      {/* flytekit fills an undocumented input's description with its name: not worth repeating. */}
      {description && description !== name ? <p className="text-xs text-slate-500">{description}</p> : null}
      <ValueEditor
        type={type}
        value={value}
        onChange={onChange}
        errors={errors}
        path={[]}
        name={name}
        baseId={baseId}
        labelledBy={labelId}
        disabled={readOnly}
      />
    </div>
  );
}
