"use client";
// Rows of key = value (labels, annotations, environment variables), add and remove.
import type { KeyValueRow, OptionErrors } from "@/lib/flyte/launch/launch-options";
import { FieldMessages, INPUT_CLASS, SMALL_BUTTON_CLASS } from "./field-parts";

export function KeyValueEditor({
  field,
  label,
  rows,
  onChange,
  errors,
  keyPlaceholder = "key",
}: {
  field: string;
  label: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  errors: OptionErrors;
  keyPlaceholder?: string;
}) {
  const set = (i: number, row: KeyValueRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="space-y-1.5" data-testid={`launch-option-${field}`}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{label}</legend>
      {rows.map((row, i) => {
        const keyError = errors[`${field}.${i}.key`];
        const valueError = errors[`${field}.${i}.value`];
        const keyErrorId = `opt-${field}-${i}-key-error`;
        const valueErrorId = `opt-${field}-${i}-value-error`;
        return (
          <div key={i} className="flex items-start gap-2">
            <div className="w-2/5">
              <input
                type="text"
                aria-label={`${label} ${i + 1} key`}
                aria-invalid={keyError ? true : undefined}
                aria-describedby={keyError ? keyErrorId : undefined}
                className={`${INPUT_CLASS} font-mono`}
                placeholder={keyPlaceholder}
                value={row.key}
                autoComplete="off"
                onChange={(e) => set(i, { ...row, key: e.target.value })}
              />
              <FieldMessages id={keyErrorId} messages={keyError ? [keyError] : []} />
            </div>
            <span className="mt-1.5 text-slate-500" aria-hidden>
              =
            </span>
            <div className="flex-1">
              <input
                type="text"
                aria-label={`${label} ${i + 1} value`}
                aria-invalid={valueError ? true : undefined}
                aria-describedby={valueError ? valueErrorId : undefined}
                className={`${INPUT_CLASS} font-mono`}
                placeholder="value"
                value={row.value}
                autoComplete="off"
                onChange={(e) => set(i, { ...row, value: e.target.value })}
              />
              <FieldMessages id={valueErrorId} messages={valueError ? [valueError] : []} />
            </div>
            <button
              type="button"
              aria-label={`Remove ${label} ${i + 1}`}
              className="mt-1 rounded p-1 text-slate-500 hover:bg-red-50 hover:text-red-600"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
                <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
              </svg>
            </button>
          </div>
        );
      })}
      <button type="button" className={SMALL_BUTTON_CLASS} onClick={() => onChange([...rows, { key: "", value: "" }])} aria-label={`Add ${label}`}>
        + Add
      </button>
    </fieldset>
  );
}
