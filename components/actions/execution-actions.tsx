"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { executionActions } from "@/lib/flyte/actions/availability";
import { launchPath } from "@/lib/flyte/launch-urls";
import { useSetExecutionArchived } from "@/lib/query/actions";
import { useRefusal } from "@/lib/query/permissions";
import { useExecution } from "@/lib/query/use-execution";
import { ActionButton, ActionLink } from "./action-button";
import { ActionFailure, withRefusal } from "./action-failure";

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

/**
 * Terminate, Recover, Relaunch and Archive for the execution header; each says why when it is off,
 * including when FlyteAdmin refused that action in this project and domain earlier on the page.
 */
export function ExecutionActions({ execution }: { execution: Execution }) {
  const id = execution.id!;
  const key = { project: id.project, domain: id.domain, name: id.name };
  // The live copy does not see archive changes (they leave updated_at alone); this query is refetched
  // after every action, and is the same one the page loaded first (or the server sent with it): a mount
  // within the client's default staleTime of that load uses it rather than asking again.
  const fresh = useExecution(key);
  const [dialog, setDialog] = useState<"terminate" | "recover" | undefined>();
  const archive = useSetExecutionArchived();
  const scope = { project: key.project, domain: key.domain };
  const refused = {
    terminate: useRefusal("terminate", scope),
    recover: useRefusal("recover", scope),
    launch: useRefusal("launch", scope),
    archive: useRefusal("archive", scope),
  };
  const rules = executionActions(execution, { stateChange: fresh.data?.closure?.stateChangeDetails });
  const actions = {
    terminate: withRefusal(rules.terminate, refused.terminate),
    recover: withRefusal(rules.recover, refused.recover),
    relaunch: withRefusal(rules.relaunch, refused.launch),
    archive: withRefusal(rules.archive, refused.archive),
  };
  const archived = rules.archive.archived;

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
          onClick={() => archive.setArchived(key, !archived)}
        >
          {archived ? "Unarchive" : "Archive"}
        </ActionButton>
      </div>
      {archive.error ? (
        <div className="max-w-md">
          <ActionFailure error={archive.error} action="archive" scope={scope} testId="archive-error" />
        </div>
      ) : null}
      {dialog === "terminate" ? <TerminateDialog id={key} open onClose={() => setDialog(undefined)} /> : null}
      {dialog === "recover" ? (
        <RecoverDialog execution={execution} open onClose={() => setDialog(undefined)} />
      ) : null}
    </div>
  );
}
