"use client";

// An execution's inputs and outputs from its row (the old console's "View Inputs & Outputs"), in a
// modal on the native <dialog>; the execution page's "Inputs & outputs" tab shows the same.
import { useEffect, useId, useRef } from "react";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { Button } from "@/components/ui/button";
import { ExecutionData } from "./execution-data";

export function ExecutionDataDialog({ id, workflowId, onClose }: { id: { project: string; domain: string; name: string }; workflowId?: Identifier; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
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
      className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-black/50"
    >
      <div className="max-h-[80vh] space-y-4 overflow-auto p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          Inputs and outputs of <span className="font-mono">{id.name}</span>
        </h2>
        <ExecutionData id={id} workflowId={workflowId} />
        <div className="flex justify-end">
          <Button onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </div>
    </dialog>
  );
}
