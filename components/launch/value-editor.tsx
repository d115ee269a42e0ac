"use client";
// The editor for one FormValue, recursive for lists, maps and unions. Errors are looked up by
// path so a bad list item is marked where it is, not only at the top of the field.
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { defaultFormValue, type FieldError, type FieldPath, type FormValue } from "@/lib/flyte/literals/form-value";
import { literalTypeToString } from "@/lib/flyte/literals/type-string";
import { errorsAt, FieldMessages, INPUT_CLASS, pathId, pathLabel, SMALL_BUTTON_CLASS } from "./field-parts";
import { StructEditor } from "./struct-editor";

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

export function ValueEditor(props: EditorProps) {
  const { value, errors, path, baseId } = props;
  // A union's chosen variant sits at the same path and shows the messages itself.
  const own = value.kind === "union" && value.value.kind !== "none" ? [] : errorsAt(errors, path);
  const errorId = `${pathId(baseId, path)}-error`;
  const control = (() => {
    switch (value.kind) {
      case "list": return <ListEditor {...props} value={value} />;
      case "map": return <MapEditor {...props} value={value} />;
      case "union": return <UnionEditor {...props} value={value} />;
      default: return <ScalarEditor {...props} describedBy={own.length ? errorId : undefined} />;
    }
  })();
  // Containers list their own errors (e.g. "duplicate key") under their controls.
  return (
    <div className="min-w-0">
      {control}
      <FieldMessages id={errorId} messages={own} />
    </div>
  );
}

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

function ScalarEditor(props: EditorProps & { describedBy: string | undefined }) {
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

function ListEditor(props: EditorProps & { value: Extract<FormValue, { kind: "list" }> }) {
  const { value, onChange, type, path, name } = props;
  const itemType = type?.type.case === "collectionType" ? type.type.value : undefined;
  const label = pathLabel(name, path);
  const setItem = (i: number, item: FormValue) => onChange({ ...value, items: value.items.map((x, j) => (j === i ? item : x)) });
  return (
    <div className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50/60 p-2" data-testid={`literal-list-${label}`}>
      {value.items.length === 0 ? <p className="px-1 text-xs text-slate-500">Empty list</p> : null}
      {value.items.map((item, i) => (
        <div key={i} className="flex items-start gap-2">
          <span className="mt-1.5 w-6 shrink-0 text-right font-mono text-xs text-slate-400">{i}</span>
          <div className="min-w-0 flex-1">
            <ValueEditor {...props} labelledBy={undefined} type={itemType} value={item} path={[...path, i]} onChange={(v) => setItem(i, v)} />
          </div>
          {props.disabled ? null : (
            <RemoveButton label={`Remove ${pathLabel(name, [...path, i])}`} onClick={() => onChange({ ...value, items: value.items.filter((_, j) => j !== i) })} />
          )}
        </div>
      ))}
      {props.disabled ? null : (
        <button
          type="button"
          className={SMALL_BUTTON_CLASS}
          aria-label={`Add item to ${label}`}
          onClick={() => onChange({ ...value, items: [...value.items, defaultFormValue(itemType)] })}
        >
          + Add item
        </button>
      )}
    </div>
  );
}

function MapEditor(props: EditorProps & { value: Extract<FormValue, { kind: "map" }> }) {
  const { value, onChange, type, path, name, baseId, errors } = props;
  const valueType = type?.type.case === "mapValueType" ? type.type.value : undefined;
  const label = pathLabel(name, path);
  const setEntry = (i: number, entry: { key: string; value: FormValue }) =>
    onChange({ ...value, entries: value.entries.map((x, j) => (j === i ? entry : x)) });
  return (
    <div className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50/60 p-2" data-testid={`literal-map-${label}`}>
      {value.entries.length === 0 ? <p className="px-1 text-xs text-slate-500">Empty map</p> : null}
      {value.entries.map((entry, i) => {
        const keyPath = [...path, i, "key"];
        const keyErrors = errorsAt(errors, keyPath);
        const keyErrorId = `${pathId(baseId, keyPath)}-error`;
        return (
          <div key={i} className="flex items-start gap-2">
            <div className="w-36 shrink-0">
              <input
                id={pathId(baseId, keyPath)}
                type="text"
                aria-label={pathLabel(name, keyPath)}
                data-testid={`literal-input-${pathLabel(name, keyPath)}`}
                aria-invalid={keyErrors.length > 0 || undefined}
                aria-describedby={keyErrors.length ? keyErrorId : undefined}
                className={`${INPUT_CLASS} font-mono`}
                placeholder="key"
                value={entry.key}
                disabled={props.disabled}
                autoComplete="off"
                onChange={(e) => setEntry(i, { ...entry, key: e.target.value })}
              />
              <FieldMessages id={keyErrorId} messages={keyErrors} />
            </div>
            <span className="mt-1.5 text-slate-400" aria-hidden>
              →
            </span>
            <div className="min-w-0 flex-1">
              <ValueEditor
                {...props}
                labelledBy={undefined}
                type={valueType}
                value={entry.value}
                path={[...path, i, "value"]}
                onChange={(v) => setEntry(i, { ...entry, value: v })}
              />
            </div>
            {props.disabled ? null : (
              <RemoveButton
                label={`Remove ${pathLabel(name, [...path, i])}`}
                onClick={() => onChange({ ...value, entries: value.entries.filter((_, j) => j !== i) })}
              />
            )}
          </div>
        );
      })}
      {props.disabled ? null : (
        <button
          type="button"
          className={SMALL_BUTTON_CLASS}
          aria-label={`Add entry to ${label}`}
          onClick={() => onChange({ ...value, entries: [...value.entries, { key: "", value: defaultFormValue(valueType) }] })}
        >
          + Add entry
        </button>
      )}
    </div>
  );
}

function UnionEditor(props: EditorProps & { value: Extract<FormValue, { kind: "union" }> }) {
  const { value, onChange, type, path, name, baseId } = props;
  const variants = type?.type.case === "unionType" ? type.type.value.variants : [];
  const variantType = variants[value.variant];
  const label = pathLabel(name, path);
  return (
    <div className="space-y-1.5">
      <div className="max-w-xs">
      <select
        id={`${pathId(baseId, path)}-variant`}
        aria-label={`${label} type`}
        data-testid={`literal-variant-${label}`}
        className={`${INPUT_CLASS} font-mono`}
        value={value.variant}
        disabled={props.disabled}
        onChange={(e) => {
          const variant = Number(e.target.value);
          onChange({ kind: "union", variant, value: defaultFormValue(variants[variant]) });
        }}
      >
        {variants.map((v, i) => (
          <option key={i} value={i}>
            {literalTypeToString(v)}
          </option>
        ))}
      </select>
      </div>
      {value.value.kind === "none" ? null : (
        <ValueEditor {...props} type={variantType} value={value.value} onChange={(v) => onChange({ ...value, value: v })} />
      )}
    </div>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="mt-1 rounded p-1 text-slate-400 hover:bg-red-50 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
        <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
      </svg>
    </button>
  );
}
