"use client";

import { useId, useState } from "react";
import { defaultTerminateCause } from "@/lib/flyte/actions";
import type { ExecutionIdLike } from "@/lib/flyte/ids";
import { terminateRequest, useTerminateExecution } from "@/lib/query/actions";
import { useMe } from "@/components/dashboard/use-me";
import { ActingAs } from "@/components/shell/acting-as";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ActionFailure } from "./action-failure";

/** Asks for a cause, then TerminateExecution; the page's live stream shows ABORTING, then ABORTED. */
export function TerminateDialog({
  id,
  open,
  onClose,
}: {
  id: ExecutionIdLike;
  open: boolean;
  onClose(): void;
}) {
  const { me } = useMe();
  // undefined until the person edits it: the default follows the (late-loading) user name.
  const [cause, setCause] = useState<string | undefined>(undefined);
  const terminate = useTerminateExecution();
  const causeId = useId();
  const text = cause ?? defaultTerminateCause(me.label);
  return (
    <ConfirmDialog
      open={open}
      testId="terminate-dialog"
      title={`Terminate ${id.name}?`}
      confirmLabel="Terminate"
      confirmVariant="danger"
      pending={terminate.isPending}
      onClose={() => {
        terminate.reset();
        onClose();
      }}
      onConfirm={() =>
        terminate.mutate(
          terminateRequest(id, text.trim() || defaultTerminateCause(me.label)),
          { onSuccess: onClose },
        )
      }
    >
      <p className="text-sm text-slate-600">
        Running nodes are aborted and the execution ends as ABORTED. Outputs of nodes that already finished are kept, and the run can be recovered later.
      </p>
      <div className="space-y-1">
        <label htmlFor={causeId} className="block text-sm font-medium">
          Cause
        </label>
        <textarea
          id={causeId}
          data-testid="terminate-cause"
          className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          rows={2}
          maxLength={1000}
          value={text}
          onChange={(e) => setCause(e.target.value)}
        />
        <p className="text-xs text-slate-500">Recorded with the execution and shown to everyone who opens it.</p>
      </div>
      <ActingAs verb="Terminating" />
      <ActionFailure error={terminate.error} action="terminate" scope={id} testId="terminate-dialog-error" />
    </ConfirmDialog>
  );
}
