"use client";

// An execution's inputs and outputs (the old console's "View Inputs & Outputs"), rendered by the one literal
// codec with the workflow's declared types, each copyable as JSON, and a FlyteRemote snippet that loads them.
// The execution page's "Inputs & outputs" tab and the executions list's dialog both show this.
import { useEffect, useRef } from "react";
import type { UrlBlob } from "@/lib/gen/flyteidl/admin/common_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Variable } from "@/lib/gen/flyteidl/core/interface_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { literalMapToJson, stringifyJson } from "@/lib/flyte/literals/json";
import { flyteRemoteExecutionSnippet } from "@/lib/flyte/remote-snippet";
import { useExecutionData } from "@/lib/query/launch";
import { useExecutionClosure } from "@/lib/query/workflows";
import { CopyButton } from "@/components/literals/copy-button";
import { DataActions } from "@/components/literals/data-actions";
import { LiteralMapView } from "@/components/literals/literal-map-view";
import { LoadingRows, QueryError } from "@/components/ui/query-state";

type ExecutionRef = { project: string; domain: string; name: string };

const BUTTON = "border border-slate-300 bg-white text-indigo-700";

function Values({
  which,
  map,
  blob,
  variables,
  emptyText,
}: {
  which: "inputs" | "outputs";
  map: LiteralMap | undefined;
  blob: UrlBlob | undefined;
  variables: { [name: string]: Variable } | undefined;
  emptyText: string;
}) {
  const title = which === "inputs" ? "Inputs" : "Outputs";
  const hasValues = !!map && Object.keys(map.literals).length > 0;
  const rows = blob?.url ? [{ label: "Storage URI", value: blob.url, copy: `Copy ${which === "inputs" ? "input" : "output"} URI` }] : [];
  return (
    <section className="space-y-1.5" data-testid={`execution-${which}`} aria-label={title}>
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
        {hasValues ? <CopyButton text={() => stringifyJson(literalMapToJson(map, variables))} label={`Copy ${which} as JSON`} caption="Copy as JSON" className={BUTTON} /> : null}
      </div>
      {rows.length ? <DataActions testId={`execution-${which}-actions`} rows={rows} buttons={[]} /> : null}
      {!hasValues && blob?.url ? (
        <p className="text-sm text-slate-500">Stored at the URI above ({blob.bytes.toString()} bytes): too large to show inline.</p>
      ) : (
        <LiteralMapView literals={map} variables={variables} label={title} emptyText={emptyText} />
      )}
    </section>
  );
}

/**
 * `workflowId`, when known, gives the values their declared order, types and descriptions. `ended`: whether
 * the execution has reached a terminal phase; when it gets there, the outputs it produced are fetched.
 */
export function ExecutionData({ id, workflowId, ended }: { id: ExecutionRef; workflowId?: Identifier; ended?: boolean }) {
  const data = useExecutionData(id.project, id.domain, id.name);
  const { refetch } = data;
  const wasEnded = useRef(ended);
  useEffect(() => {
    if (ended && wasEnded.current === false) void refetch();
    wasEnded.current = ended;
  }, [ended, refetch]);
  const iface = useExecutionClosure(workflowId)?.primary?.template?.interface;
  if (data.isPending) return <LoadingRows label="Loading inputs and outputs" rows={3} />;
  if (data.isError) return <QueryError error={data.error} retry={() => void data.refetch()} />;
  return (
    <div className="space-y-4" data-testid="execution-data">
      <div className="flex justify-end">
        <CopyButton text={() => flyteRemoteExecutionSnippet(id)} label="Copy FlyteRemote snippet" caption="Copy FlyteRemote snippet" className={BUTTON} />
      </div>
      <Values which="inputs" map={data.data.fullInputs} blob={data.data.inputs} variables={iface?.inputs?.variables} emptyText="This execution takes no inputs." />
      <Values which="outputs" map={data.data.fullOutputs} blob={data.data.outputs} variables={iface?.outputs?.variables} emptyText="No outputs (yet)." />
    </div>
  );
}
