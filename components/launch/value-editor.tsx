"use client";
// The editor for one FormValue, recursive for lists, maps and unions. Errors are looked up by
// path so a bad list item is marked where it is, not only at the top of the field. Single values
// have their controls in scalar-editor.tsx; lists, maps and unions, which hold editors, are here.
import { defaultFormValue, type FormValue } from "@/lib/flyte/literals/form-value";
import { literalTypeToString } from "@/lib/flyte/literals/type-string";
import { errorsAt, FieldMessages, INPUT_CLASS, pathId, pathLabel, SMALL_BUTTON_CLASS, type EditorProps } from "./field-parts";
import { ScalarEditor } from "./scalar-editor";

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
          <span className="mt-1.5 w-6 shrink-0 text-right font-mono text-xs text-slate-500">{i}</span>
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
            <span className="mt-1.5 text-slate-500" aria-hidden>
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
      className="mt-1 rounded p-1 text-slate-500 hover:bg-red-50 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
        <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
      </svg>
    </button>
  );
}
