"use client";

// An execution's inputs and outputs from its row (the old console's "View Inputs & Outputs"), in a
// modal on the native <dialog>, rendered by the one literal codec.
import { useEffect, useId, useRef } from "react";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { UrlBlob } from "@/lib/gen/flyteidl/admin/common_pb";
import { useExecutionData } from "@/lib/query/launch";
import { LiteralMapView } from "@/components/literals/literal-map-view";
import { Button } from "@/components/ui/button";
import { LoadingRows, QueryError } from "@/components/ui/query-state";

function Values({ title, map, blob, emptyText }: { title: string; map: LiteralMap | undefined; blob: UrlBlob | undefined; emptyText: string }) {
  const offloaded = (!map || Object.keys(map.literals).length === 0) && blob?.url;
  return (
    <section className="space-y-1" data-testid={`execution-${title.toLowerCase()}`}>
      <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
      {offloaded ? (
        <p className="text-sm text-slate-500">
          Stored at <span className="break-all font-mono">{blob.url}</span> ({blob.bytes.toString()} bytes).
        </p>
      ) : (
        <LiteralMapView literals={map} label={title} emptyText={emptyText} />
      )}
    </section>
  );
}

export function ExecutionDataDialog({ id, onClose }: { id: { project: string; domain: string; name: string }; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const data = useExecutionData(id.project, id.domain, id.name);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      data-testid="execution-data-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="max-h-[80vh] space-y-4 overflow-auto p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          Inputs and outputs of <span className="font-mono">{id.name}</span>
        </h2>
        {data.isPending ? (
          <LoadingRows label="Loading inputs and outputs" rows={3} />
        ) : data.isError ? (
          <QueryError error={data.error} retry={() => void data.refetch()} />
        ) : (
          <>
            <Values title="Inputs" map={data.data.fullInputs} blob={data.data.inputs} emptyText="This execution takes no inputs." />
            <Values title="Outputs" map={data.data.fullOutputs} blob={data.data.outputs} emptyText="No outputs (yet)." />
          </>
        )}
        <div className="flex justify-end">
          <Button onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </div>
    </dialog>
  );
}
