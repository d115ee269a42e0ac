"use client";
// The control for one single value (number, text, date, file, struct, …), by its kind.
import type { FormValue } from "@/lib/flyte/literals/form-value";
import { INPUT_CLASS, pathId, pathLabel, SMALL_BUTTON_CLASS, type EditorProps } from "./field-parts";
import { StructEditor } from "./struct-editor";

function a11y(props: EditorProps, describedBy: string | undefined, invalid: boolean) {
  return {
    id: pathId(props.baseId, props.path),
    "aria-labelledby": props.path.length === 0 ? props.labelledBy : undefined,
    "aria-label": props.path.length === 0 && props.labelledBy ? undefined : pathLabel(props.name, props.path),
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy,
    "data-testid": `literal-input-${pathLabel(props.name, props.path)}`,
    disabled: props.disabled,
  };
}

const PLACEHOLDER: Partial<Record<FormValue["kind"], string>> = {
  integer: "e.g. 42",
  float: "e.g. 3.14, 1e-3, nan, inf",
  string: "",
  datetime: "e.g. 2024-05-01T10:00:00Z or +02:00",
  duration: "e.g. 1h30m, -45s, 250ms, PT1H30M",
};

export function ScalarEditor(props: EditorProps & { describedBy: string | undefined }) {
  const { value, onChange, describedBy } = props;
  const invalid = describedBy !== undefined;
  const attrs = a11y(props, describedBy, invalid);
  switch (value.kind) {
    case "integer":
    case "float":
    case "string":
    case "duration":
      return (
        <input
          {...attrs}
          type="text"
          inputMode={value.kind === "integer" ? "numeric" : value.kind === "float" ? "decimal" : undefined}
          className={`${INPUT_CLASS} ${value.kind === "string" ? "" : "font-mono"}`}
          placeholder={PLACEHOLDER[value.kind]}
          value={value.text}
          spellCheck={value.kind === "string"}
          autoComplete="off"
          onChange={(e) => onChange({ ...value, text: e.target.value })}
        />
      );
    case "datetime":
      return (
        <div className="flex items-center gap-2">
          <input
            {...attrs}
            type="text"
            className={`${INPUT_CLASS} font-mono`}
            placeholder={PLACEHOLDER.datetime}
            value={value.text}
            autoComplete="off"
            onChange={(e) => onChange({ ...value, text: e.target.value })}
          />
          <button
            type="button"
            className={SMALL_BUTTON_CLASS}
            disabled={props.disabled}
            aria-label={`Set ${pathLabel(props.name, props.path)} to now`}
            onClick={() => onChange({ ...value, text: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") })}
          >
            Now
          </button>
        </div>
      );
    case "boolean":
      return (
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input
            {...attrs}
            type="checkbox"
            className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
            checked={value.value}
            onChange={(e) => onChange({ ...value, value: e.target.checked })}
          />
          <span className="font-mono">{value.value ? "True" : "False"}</span>
        </label>
      );
    case "enum":
      return (
        <select
          {...attrs}
          className={INPUT_CLASS}
          value={value.value}
          onChange={(e) => onChange({ ...value, value: e.target.value })}
        >
          <option value="" disabled>
            Choose…
          </option>
          {value.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case "blob":
    case "structuredDataset":
      return <UriAndFormat {...props} attrs={attrs} />;
    case "schema":
      return (
        <input
          {...attrs}
          type="text"
          className={`${INPUT_CLASS} font-mono`}
          placeholder="s3://bucket/path"
          value={value.uri}
          onChange={(e) => onChange({ ...value, uri: e.target.value })}
        />
      );
    case "struct":
      return <StructEditor type={props.type} value={value} onChange={onChange} attrs={attrs} />;
    case "binary":
      return (
        <div className="space-y-1.5">
          <textarea
            {...attrs}
            rows={2}
            className={`${INPUT_CLASS} font-mono`}
            placeholder="base64, e.g. aGVsbG8="
            value={value.base64}
            onChange={(e) => onChange({ ...value, base64: e.target.value })}
          />
          <input
            type="text"
            aria-label={`${pathLabel(props.name, props.path)} tag`}
            className={`${INPUT_CLASS} font-mono`}
            placeholder="tag (optional)"
            value={value.tag}
            disabled={props.disabled}
            onChange={(e) => onChange({ ...value, tag: e.target.value })}
          />
        </div>
      );
    case "none":
      return <span className="font-mono text-sm text-slate-500">None</span>;
    case "unsupported":
      return <p className="text-sm text-amber-800">{value.reason}</p>;
    default:
      return null;
  }
}

function UriAndFormat(props: EditorProps & { attrs: ReturnType<typeof a11y> }) {
  const { value, onChange, attrs, type } = props;
  if (value.kind !== "blob" && value.kind !== "structuredDataset") return null;
  const t = type?.type;
  const fixedFormat = t?.case === "blob" ? t.value.format : "";
  const label = pathLabel(props.name, props.path);
  const isDir = value.kind === "blob" && value.dimensionality === "multipart";
  return (
    <div className="flex gap-2">
      <div className="min-w-0 flex-1">
        <input
          {...attrs}
          type="text"
          className={`${INPUT_CLASS} font-mono`}
          placeholder={value.kind === "structuredDataset" ? "s3://bucket/data.parquet" : isDir ? "s3://bucket/dir/" : "s3://bucket/file"}
          value={value.uri}
          autoComplete="off"
          onChange={(e) => onChange({ ...value, uri: e.target.value })}
        />
      </div>
      <div className="w-28 shrink-0">
        <input
          type="text"
          aria-label={`${label} format`}
          data-testid={`literal-input-${label}-format`}
          className={`${INPUT_CLASS} font-mono`}
          placeholder="format"
          value={value.format}
          readOnly={Boolean(fixedFormat)}
          title={fixedFormat ? `The type fixes the format to ${fixedFormat}` : undefined}
          disabled={props.disabled}
          onChange={(e) => onChange({ ...value, format: e.target.value })}
        />
      </div>
    </div>
  );
}
