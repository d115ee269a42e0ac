"use client";

// What a person does with a run from the list without opening it: look at its inputs and outputs,
// relaunch it, archive or unarchive it. The same rules and refusals as the execution page's header.
// Their names leave the run's name out: the row says which run, and a link named after the run stays the only one.
import dynamic from "next/dynamic";
import { useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { executionActions } from "@/lib/flyte/actions/availability";
import { launchPath } from "@/lib/flyte/launch-urls";
import { useSetExecutionArchived } from "@/lib/query/actions";
import { useRefusal } from "@/lib/query/permissions";
import { ActionButton, ActionLink } from "@/components/actions/action-button";
import { ActionFailure, withRefusal } from "@/components/actions/action-failure";

const ExecutionDataDialog = dynamic(() => import("./execution-data-dialog").then((m) => m.ExecutionDataDialog));

// The buttons' own size is for headers; rows take a smaller one.
const SMALL = "px-1.5! py-0.5! text-xs!";
const ALWAYS = { available: true } as const;

export function ExecutionRowActions({ execution }: { execution: Execution }) {
  const id = execution.id!;
  const key = { project: id.project, domain: id.domain, name: id.name };
  const scope = { project: key.project, domain: key.domain };
  const [viewing, setViewing] = useState(false);
  const archive = useSetExecutionArchived();
  const rules = executionActions(execution);
  const relaunch = withRefusal(rules.relaunch, useRefusal("launch", scope));
  const archiving = withRefusal(rules.archive, useRefusal("archive", scope));
  const archived = rules.archive.archived;
  const archiveVerb = archived ? "Unarchive" : "Archive";

  return (
    <div className="flex flex-col items-start gap-1" data-testid="execution-row-actions">
      <div className="flex flex-wrap gap-1">
        <ActionButton testId="row-io" className={SMALL} availability={ALWAYS} label="Inputs and outputs" onClick={() => setViewing(true)}>
          I/O
        </ActionButton>
        <ActionLink
          testId="row-relaunch"
          className={SMALL}
          availability={relaunch}
          href={launchPath({ project: key.project, domain: key.domain, relaunch: key.name })}
        >
          Relaunch
        </ActionLink>
        <ActionButton
          testId="row-archive"
          className={SMALL}
          availability={archiving}
          busy={archive.isPending}
          onClick={() => archive.setArchived(key, !archived)}
        >
          {archiveVerb}
        </ActionButton>
      </div>
      {archive.error ? <ActionFailure error={archive.error} action="archive" scope={scope} testId="row-archive-error" /> : null}
      {viewing ? <ExecutionDataDialog id={key} workflowId={execution.closure?.workflowId} onClose={() => setViewing(false)} /> : null}
    </div>
  );
}
