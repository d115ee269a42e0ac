"use client";

import { Code, ConnectError } from "@connectrpc/connect";
import dynamic from "next/dynamic";
import { useQuery } from "@connectrpc/connect-query";
import { useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { executionActions, type ExecutionActionName } from "@/lib/flyte/actions/availability";
import { launchPath } from "@/lib/flyte/urls";
import { getExecution } from "@/lib/query/executions";
import { useSetExecutionArchived } from "@/lib/query/actions";
import { ActionError } from "@/components/ui/dialog";
import { ActionButton, ActionLink } from "./action-button";

// Dialogs load on first use.
const RecoverDialog = dynamic(() => import("./recover-dialog").then((m) => m.RecoverDialog));
const TerminateDialog = dynamic(() => import("./terminate-dialog").then((m) => m.TerminateDialog));

export function ArchivedBadge() {
  return (
    <span data-testid="archived-badge" className="inline-flex items-center rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">
      Archived
    </span>
  );
}

/** Terminate, Recover, Relaunch and Archive for the execution header; each says why when it is off. */
export function ExecutionActions({ execution }: { execution: Execution }) {
  const id = execution.id!;
  const key = { project: id.project, domain: id.domain, name: id.name };
  // The live copy does not see archive changes (they leave updated_at alone); this query is refetched
  // after every action, and is the same one the page loaded first.
  const fresh = useQuery(getExecution, { id: key }, { staleTime: 0 });
  const [denied, setDenied] = useState<Partial<Record<ExecutionActionName, string>>>({});
  const [dialog, setDialog] = useState<"terminate" | "recover" | undefined>();
  const archive = useSetExecutionArchived();

  const rememberDenied = (name: ExecutionActionName) => (err: unknown) => {
    const ce = ConnectError.from(err);
    if (ce.code === Code.PermissionDenied) setDenied((d) => ({ ...d, [name]: ce.rawMessage }));
  };
  const actions = executionActions(execution, { denied, stateChange: fresh.data?.closure?.stateChangeDetails });
  const archived = actions.archive.archived;

  return (
    <div data-testid="execution-actions" className="ml-auto flex flex-col items-end gap-1">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {archived ? <ArchivedBadge /> : null}
        <ActionButton testId="terminate" variant="danger" availability={actions.terminate} onClick={() => setDialog("terminate")}>
          Terminate
        </ActionButton>
        <ActionButton testId="recover" availability={actions.recover} onClick={() => setDialog("recover")}>
          Recover
        </ActionButton>
        <ActionLink testId="relaunch" availability={actions.relaunch} href={launchPath({ project: key.project, domain: key.domain, relaunch: key.name })}>
          Relaunch
        </ActionLink>
        <ActionButton
          testId="archive"
          availability={actions.archive}
          busy={archive.isPending}
          onClick={() => archive.setArchived(key, !archived, { onError: rememberDenied("archive") })}
        >
          {archived ? "Unarchive" : "Archive"}
        </ActionButton>
      </div>
      {archive.error ? (
        <div className="max-w-md">
          <ActionError error={archive.error} testId="archive-error" />
        </div>
      ) : null}
      {dialog === "terminate" ? <TerminateDialog id={key} open onClose={() => setDialog(undefined)} onDenied={rememberDenied("terminate")} /> : null}
      {dialog === "recover" ? (
        <RecoverDialog execution={execution} open onClose={() => setDialog(undefined)} onDenied={rememberDenied("recover")} />
      ) : null}
    </div>
  );
}
