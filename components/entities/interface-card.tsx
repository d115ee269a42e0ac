import type { InterfaceRow, InterfaceRows } from "@/lib/flyte/entities/interface";
import { Card } from "./card";

function Rows({ rows, inputs, testId }: { rows: InterfaceRow[]; inputs: boolean; testId: string }) {
  return (
    <table className="w-full table-fixed text-left text-sm" data-testid={testId}>
      <colgroup>
        <col style={{ width: "28%" }} />
        <col style={{ width: "24%" }} />
        {inputs ? <col style={{ width: "24%" }} /> : null}
        <col />
      </colgroup>
      <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="px-4 py-1.5 font-medium">Name</th>
          <th scope="col" className="px-4 py-1.5 font-medium">Type</th>
          {inputs ? <th scope="col" className="px-4 py-1.5 font-medium">Default</th> : null}
          <th scope="col" className="px-4 py-1.5 font-medium">Description</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="border-t border-slate-100 align-top" data-testid="interface-row" data-name={r.name}>
            <td className="px-4 py-2 font-mono text-slate-900">
              <span className="break-words">{r.name}</span>
              {r.required ? <span className="ml-1.5 rounded bg-amber-100 px-1 text-[10px] font-sans font-medium uppercase text-amber-900">required</span> : null}
              {r.fixed ? <span className="ml-1.5 rounded bg-slate-100 px-1 text-[10px] font-sans font-medium uppercase text-slate-600">fixed</span> : null}
            </td>
            <td className="px-4 py-2 font-mono text-xs text-violet-800">
              <span className="break-words">{r.type}</span>
            </td>
            {inputs ? (
              <td className="px-4 py-2 font-mono text-xs text-slate-700">
                <span className="break-words">{r.defaultText ?? <span className="text-slate-500">—</span>}</span>
              </td>
            ) : null}
            <td className="px-4 py-2 text-slate-600">
              <span className="break-words">{r.description && r.description !== r.name ? r.description : ""}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Typed inputs (with defaults) and outputs. */
export function InterfaceCard({ rows, note }: { rows: InterfaceRows; note?: string }) {
  return (
    <Card title="Interface" testId="entity-interface" flush>
      <div className="space-y-0">
        <h3 className="px-4 pt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Inputs</h3>
        {rows.inputs.length ? <Rows rows={rows.inputs} inputs testId="interface-inputs" /> : <p className="px-4 py-2 text-sm text-slate-500">No inputs.</p>}
        <h3 className="border-t border-slate-100 px-4 pt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Outputs</h3>
        {rows.outputs.length ? <Rows rows={rows.outputs} inputs={false} testId="interface-outputs" /> : <p className="px-4 py-2 text-sm text-slate-500">No outputs.</p>}
        {note ? <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{note}</p> : null}
      </div>
    </Card>
  );
}
