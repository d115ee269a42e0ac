"use client";

import { Code, ConnectError } from "@connectrpc/connect";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { newExecutionName, recoverPreview, type RecoverOutcome } from "@/lib/flyte/actions";
import { nodePhase } from "@/lib/flyte/phases";
import { consolePath } from "@/lib/flyte/urls";
import { recoverRequest, useRecoverExecution, useRecoverPreviewNodes } from "@/lib/query/actions";
import { useWorkflow } from "@/lib/query/workflows";
import { ActingAs } from "@/components/shell/acting-as";
import { ConfirmDialog } from "@/components/ui/dialog";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { LoadingRows, QueryError } from "@/components/ui/query-state";
import { ActionFailure } from "./action-failure";

const OUTCOME_TEXT: Record<RecoverOutcome, string> = {
  reused: "Reused (RECOVERED)",
  rerun: "Runs again",
  partial: "Runs again, reusing its successful child nodes",
};
const OUTCOME_CLASS: Record<RecoverOutcome, string> = {
  reused: "text-teal-800",
  rerun: "text-slate-900",
  partial: "text-slate-900",
};

function Preview({ execution }: { execution: Execution }) {
  const id = execution.id!;
  const workflowId = execution.closure?.workflowId;
  const nodes = useRecoverPreviewNodes(id);
  const workflow = useWorkflow(workflowId);
  const preview = useMemo(
    () => (nodes.data ? recoverPreview(workflow.data?.closure?.compiledWorkflow, nodes.data.nodeExecutions) : undefined),
    [nodes.data, workflow.data],
  );
  if (nodes.isError) return <QueryError error={nodes.error} retry={() => void nodes.refetch()} />;
  if (!preview) return <LoadingRows rows={3} label="Loading the recover preview" />;
  return (
    <div data-testid="recover-preview" className="space-y-2">
      <p className="text-sm">
        <strong>{preview.reused}</strong> {preview.reused === 1 ? "node is" : "nodes are"} reused from this run;{" "}
        <strong>{preview.rerun}</strong> {preview.rerun === 1 ? "runs" : "run"} again.
      </p>
      <div className="max-h-64 overflow-auto rounded border border-slate-200">
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-500">
            <tr>
              <th className="px-2 py-1 font-medium">Node</th>
              <th className="px-2 py-1 font-medium">In this run</th>
              <th className="px-2 py-1 font-medium">When recovered</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.nodeId} data-testid="recover-preview-row" data-node-id={r.nodeId} data-outcome={r.outcome} className="border-t border-slate-100">
                <td className="px-2 py-1">
                  <span className="font-medium">{r.name}</span> <span className="font-mono text-xs text-slate-500">{r.nodeId}</span>
                </td>
                <td className="px-2 py-1">{r.phase === undefined ? <span className="text-slate-500">Did not run</span> : <PhaseBadge phase={nodePhase(r.phase)} />}</td>
                <td className={`px-2 py-1 ${OUTCOME_CLASS[r.outcome]}`}>{OUTCOME_TEXT[r.outcome]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Shows what will be reused, then RecoverExecution and opens the new execution. */
export function RecoverDialog({
  execution,
  open,
  onClose,
}: {
  execution: Execution;
  open: boolean;
  onClose(): void;
}) {
  const id = execution.id!;
  const router = useRouter();
  const recover = useRecoverExecution();
  // Named before sending: if the answer is lost and the person retries, FlyteAdmin says AlreadyExists
  // instead of starting a second recovery.
  const [name] = useState(() => newExecutionName());
  const open_ = (newName: string) => router.push(consolePath({ page: "execution", project: id.project, domain: id.domain, name: newName }));
  return (
    <ConfirmDialog
      open={open}
      testId="recover-dialog"
      title={`Recover ${id.name}?`}
      confirmLabel="Recover"
      pending={recover.isPending || recover.isSuccess}
      onClose={() => {
        recover.reset();
        onClose();
      }}
      onConfirm={() =>
        recover.mutate(
          recoverRequest(id, name),
          {
            onSuccess: (res) => open_(res.id?.name || name),
            onError: (err) => {
              if (ConnectError.from(err).code === Code.AlreadyExists) open_(name);
            },
          },
        )
      }
    >
      <p className="text-sm text-slate-600">
        A new execution with the same inputs starts as <span className="font-mono">{name}</span>. Nodes that succeeded keep their outputs and are marked RECOVERED;
        the rest run again.
      </p>
      {open ? <Preview execution={execution} /> : null}
      <ActingAs verb="Recovering" />
      <ActionFailure error={recover.error} action="recover" scope={id} testId="recover-dialog-error" />
    </ConfirmDialog>
  );
}
