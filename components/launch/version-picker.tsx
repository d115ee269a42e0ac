"use client";
import { INPUT_CLASS } from "./field-parts";

export function VersionPicker({
  versions,
  value,
  loading,
  onChange,
}: {
  versions: string[];
  value: string | undefined;
  loading: boolean;
  onChange: (version: string) => void;
}) {
  // A version named in the link but older than the listed ones is still offered.
  const all = value && !versions.includes(value) ? [value, ...versions] : versions;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="launch-version" className="text-sm text-slate-600">
        Version
      </label>
      <select
        id="launch-version"
        data-testid="launch-version"
        className={`${INPUT_CLASS} w-64 font-mono`}
        value={value ?? ""}
        disabled={loading || all.length === 0}
        onChange={(e) => onChange(e.target.value)}
      >
        {loading ? <option value="">Loading…</option> : null}
        {all.map((v) => (
          <option key={v} value={v}>
            {v}
            {v === versions[0] ? " (latest)" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
