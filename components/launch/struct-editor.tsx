"use client";
// JSON text for a struct (dataclass, pydantic model, dict) input. When the type carries a JSON
// schema the field names it and offers a template built from it.
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import type { FormValue } from "@/lib/flyte/literals/form-value";
import { exampleFromJsonSchema, isJsonSchema } from "@/lib/flyte/literals/json-schema";
import { structSchemaName } from "@/lib/flyte/literals/type-string";
import { INPUT_CLASS, SMALL_BUTTON_CLASS } from "./field-parts";

type StructValue = Extract<FormValue, { kind: "struct" }>;

export function StructEditor({
  type,
  value,
  onChange,
  attrs,
}: {
  type: LiteralType | undefined;
  value: StructValue;
  onChange: (value: FormValue) => void;
  attrs: { id: string; disabled?: boolean } & Record<string, unknown>;
}) {
  const schema = isJsonSchema(type?.metadata) ? type?.metadata : undefined;
  const schemaName = structSchemaName(type?.metadata);
  const rows = Math.min(16, Math.max(3, value.text.split("\n").length));
  const reformat = () => {
    try {
      onChange({ ...value, text: JSON.stringify(JSON.parse(value.text), null, 2) });
    } catch {
      // Invalid JSON already has its message under the field; leave the text as typed.
    }
  };
  return (
    <div className="space-y-1">
      <textarea
        {...attrs}
        rows={rows}
        spellCheck={false}
        className={`${INPUT_CLASS} font-mono text-xs leading-5`}
        placeholder='{"key": "value"}'
        value={value.text}
        onChange={(e) => onChange({ ...value, text: e.target.value })}
      />
      {attrs.disabled ? null : (
        <div className="flex items-center gap-2 text-xs text-slate-500">
          <button type="button" className={SMALL_BUTTON_CLASS} onClick={reformat}>
            Format JSON
          </button>
          {schema ? (
            <>
              <button
                type="button"
                className={SMALL_BUTTON_CLASS}
                onClick={() => onChange({ ...value, text: JSON.stringify(exampleFromJsonSchema(schema), null, 2) })}
              >
                Insert template
              </button>
              <span>Checked against the {schemaName ? <span className="font-mono">{schemaName}</span> : "type's"} schema</span>
            </>
          ) : null}
        </div>
      )}
    </div>
  );
}
