// Small shared pieces of the typed input fields: ids, error lookup and the input look.
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { formatFieldPath, type FieldError, type FieldPath, type FormValue } from "@/lib/flyte/literals/form-value";

export const INPUT_CLASS =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-500 " +
  "focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:bg-slate-50 disabled:text-slate-500 read-only:bg-slate-50 read-only:text-slate-600 " +
  "aria-[invalid=true]:border-red-400 aria-[invalid=true]:focus:ring-red-500/30";

export const SMALL_BUTTON_CLASS =
  "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50 " +
  "focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:text-slate-500";

/** A DOM id for a field path under a field's base id: "lf-xs-2-key". */
export function pathId(baseId: string, path: FieldPath): string {
  return [baseId, ...path].join("-").replace(/[^A-Za-z0-9_-]/g, "_");
}

/** The accessible name and test id of a nested control: "xs[2].key". */
export function pathLabel(name: string, path: FieldPath): string {
  return formatFieldPath([name, ...path]);
}

export function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((seg, i) => seg === b[i]);
}

export function errorsAt(errors: FieldError[], path: FieldPath): string[] {
  return errors.filter((e) => samePath(e.path, path)).map((e) => e.message);
}

export function FieldMessages({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-red-700" data-testid="field-error">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

/** What every value editor is given: the value at `path` of the field `name`, and its errors. */
export type EditorProps = {
  type: LiteralType | undefined;
  value: FormValue;
  onChange: (value: FormValue) => void;
  errors: FieldError[];
  path: FieldPath;
  name: string;
  baseId: string;
  /** The root control is named by the field's visible label instead of its path. */
  labelledBy?: string;
  disabled?: boolean;
};
