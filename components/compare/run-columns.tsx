/** The runs as a comparison table's column headers, the first marked as the baseline. */
export function RunHeaders({ runs, first, last }: { runs: readonly string[]; first: string; last?: string }) {
  return (
    <thead className="text-xs uppercase tracking-wide text-slate-500">
      <tr>
        <th scope="col" className="w-48 px-2 py-1 font-medium">
          {first}
        </th>
        {runs.map((r, i) => (
          <th key={r} scope="col" className="px-2 py-1 font-medium">
            <span className="font-mono normal-case">{r}</span>
            {i === 0 ? <span className="ml-1 normal-case text-slate-500">(baseline)</span> : null}
          </th>
        ))}
        {last ? (
          <th scope="col" className="w-48 px-2 py-1 font-medium">
            {last}
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
