"use client";
import { INPUT_CLASS } from "./field-parts";

/** Which of a workflow version's launch plans runs it; the default one shares the workflow's name. */
export function LaunchPlanPicker({
  names,
  defaultName,
  value,
  loading,
  onChange,
}: {
  names: string[];
  defaultName: string;
  value: string;
  loading: boolean;
  onChange: (name: string) => void;
}) {
  // The default launch plan first, then the others by name; the chosen one is offered even before the list arrives.
  const all = [...new Set([defaultName, value, ...[...names].sort()])];
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="launch-plan" className="text-sm text-slate-600">
        Launch plan
      </label>
      <select
        id="launch-plan"
        data-testid="launch-plan-picker"
        className={`${INPUT_CLASS} w-64 font-mono`}
        value={value}
        disabled={loading || all.length < 2}
        onChange={(e) => onChange(e.target.value)}
      >
        {all.map((n) => (
          <option key={n} value={n}>
            {n}
            {n === defaultName ? " (default)" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
