"use client";

import { Link } from "@/components/ui/link";
import { useEffect } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import type { Gate } from "@/lib/flyte/actions/gates";
import { newestFirst } from "@/lib/flyte/attempts";
import type { StaticNodeKind } from "@/lib/flyte/closure";
import { nodeExecutionKind, nodeTaskId, runsTask } from "@/lib/flyte/node-spec";
import { nodePhase, taskPhase, type PhaseInfo } from "@/lib/flyte/phases";
import { durationMs, formatDuration, formatTimestampUtc, timestampMs } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import { useNodeAttempts, useNodeExecutionData } from "@/lib/query/node-executions";
import { useSpecNode } from "@/lib/query/node-task";
import { useGate } from "@/lib/query/signals";
import { GateNodeActions } from "@/components/signals/gate-node-actions";
import { Button } from "@/components/ui/button";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { LoadingRows, QueryError } from "@/components/ui/query-state";
import { AttemptCard } from "./attempt-card";
import { ChildExecutionLink } from "./child-execution-link";
import { ErrorSummary } from "./error-summary";
import { NodeData } from "./node-data";
import { NodeDataActions } from "./node-data-actions";
import { NodeDeck } from "./node-deck";
import { TaskTab } from "./task-tab";

const PANEL_TABS = ["attempts", "task", "inputs", "outputs", "deck"] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

const CACHE_LABEL: Partial<Record<CatalogCacheStatus, string>> = {
  [CatalogCacheStatus.CACHE_HIT]: "Cache hit",
  [CatalogCacheStatus.CACHE_POPULATED]: "Cache populated",
  [CatalogCacheStatus.CACHE_MISS]: "Cache miss",
  [CatalogCacheStatus.CACHE_LOOKUP_FAILURE]: "Cache lookup failed",
  [CatalogCacheStatus.CACHE_PUT_FAILURE]: "Cache write failed",
  [CatalogCacheStatus.CACHE_SKIPPED]: "Cache skipped",
  [CatalogCacheStatus.CACHE_EVICTED]: "Cache evicted",
};

function CacheStatus({ ne }: { ne: NodeExecution }) {
  const meta = ne.closure?.targetMetadata;
  if (meta?.case !== "taskNodeMetadata") return null;
  const label = CACHE_LABEL[meta.value.cacheStatus];
  if (!label) return null;
  const source = meta.value.catalogKey?.sourceExecution;
  const sourceExec = source?.case === "sourceTaskExecution" ? source.value.nodeExecutionId?.executionId : undefined;
  return (
    <p data-testid="cache-status" className="text-xs text-cyan-800">
      {label}
      {sourceExec ? (
        <>
          {" from "}
          <Link className="underline" href={consolePath({ page: "execution", project: sourceExec.project, domain: sourceExec.domain, name: sourceExec.name })}>
            {sourceExec.name}
          </Link>
        </>
      ) : null}
    </p>
  );
}

/** Why a node lists no task attempts, in the words of what it is. */
function noAttemptsText(ne: NodeExecution, kind: StaticNodeKind | undefined, gate: Gate | undefined, phase: PhaseInfo): string {
  if (gate?.kind === "approve") return "An approval gate runs no task: it waits until someone approves or rejects it.";
  if (gate?.kind === "signal") return "A signal gate runs no task: it waits for a value to be set.";
  if (gate?.kind === "sleep") return "A sleep gate runs no task: it waits for its time to pass.";
  if (kind === "gate") return "A gate runs no task: it waits.";
  if (kind === "launchplan") return "A launch-plan node runs no task here: it starts a child execution, whose nodes and attempts are on its own page.";
  if (ne.metadata?.isParentNode || kind === "subworkflow" || kind === "branch") return "This node runs other nodes; select them in the graph or the nodes table.";
  const meta = ne.closure?.targetMetadata;
  if (meta?.case === "taskNodeMetadata" && meta.value.cacheStatus === CatalogCacheStatus.CACHE_HIT) return "No attempts: the outputs came from the cache.";
  if (phase.name === "SKIPPED") return "Skipped: this node did not run.";
  if (!phase.isTerminal) return "No attempts yet: the task has not started.";
  return "This node ran no task attempts.";
}

export function NodePanel({
  nodeExecution,
  name,
  tab,
  attempt,
  onChange,
  onClose,
  onOpenLog,
}: {
  nodeExecution: NodeExecution;
  /** The node's name in the workflow, when known. */
  name?: string;
  tab: PanelTab;
  attempt?: number;
  onChange(changes: { panel?: PanelTab; attempt?: number }): void;
  onClose(): void;
  /** `attempt`: the task attempt (retry_attempt) whose log it is. */
  onOpenLog(log: TaskLog, running: boolean, attempt: number): void;
}) {
  const id = nodeExecution.id!;
  const c = nodeExecution.closure;
  const phase = nodePhase(c?.phase ?? 0);
  const running = !phase.isTerminal;
  const spec = useSpecNode(nodeExecution);
  const gate = useGate(nodeExecution);
  const kind = gate ? "gate" : nodeExecutionKind(nodeExecution, spec);
  const attempts = useNodeAttempts(id, { running, enabled: tab === "attempts" || tab === "task" });
  const list = newestFirst(attempts.data?.taskExecutions ?? []);
  const hasTask = runsTask(kind) || list.length > 0;
  const tabs = PANEL_TABS.filter((t) => (t !== "task" || hasTask) && (t !== "deck" || !!c?.deckUri));
  const shown: PanelTab = tabs.includes(tab) ? tab : "attempts";
  const data = useNodeExecutionData(id, { running, enabled: shown === "inputs" || shown === "outputs" });
  // A new attempt or a final phase shows on the node execution first: read the attempts again then.
  const updatedMs = timestampMs(c?.updatedAt);
  const refetchAttempts = attempts.refetch;
  useEffect(() => {
    if (shown === "attempts") void refetchAttempts();
  }, [updatedMs, shown, refetchAttempts]);
  const error = c?.outputResult.case === "error" ? c.outputResult.value : undefined;
  const selectedAttempt = attempt ?? list[0]?.id?.retryAttempt;

  return (
    <aside data-testid="node-panel" data-node-id={id.nodeId} data-phase={phase.name} aria-label={`Node ${id.nodeId}`} className="flex h-full w-[28rem] shrink-0 flex-col border-l border-slate-200 bg-slate-50">
      <header className="space-y-1 border-b border-slate-200 bg-white p-3">
        <div className="flex items-start gap-2">
          <div className="min-w-0">
            <h2 className="truncate text-base font-semibold" data-testid="node-panel-name" title={name || nodeExecution.metadata?.specNodeId || id.nodeId}>
              {name || nodeExecution.metadata?.specNodeId || id.nodeId}
            </h2>
            <p className="truncate font-mono text-xs text-slate-500">{id.nodeId}</p>
          </div>
          <Button variant="ghost" className="ml-auto" onClick={onClose} aria-label="Close node details">
            ✕
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
          <PhaseBadge phase={phase} testId="node-panel-phase" />
          <span>Started {formatTimestampUtc(timestampMs(c?.startedAt))}</span>
          <span className="font-mono">{formatDuration(durationMs(c?.duration))}</span>
        </div>
        <CacheStatus ne={nodeExecution} />
        <ChildExecutionLink nodeExecution={nodeExecution} />
        <GateNodeActions nodeExecution={nodeExecution} />
        {error ? <ErrorSummary error={error} testId="node-error" /> : null}
      </header>
      <nav role="tablist" aria-label="Node details" className="flex gap-1 border-b border-slate-200 bg-white px-2">
        {tabs.map((t) => (
          <button
            key={t}
            role="tab"
            type="button"
            aria-selected={shown === t}
            onClick={() => onChange({ panel: t })}
            className={`-mb-px border-b-2 px-2 py-1.5 text-sm capitalize ${shown === t ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t}
          </button>
        ))}
      </nav>
      <div className="min-h-0 flex-1 space-y-2 overflow-auto p-3" role="tabpanel">
        {shown === "attempts" ? (
          attempts.isPending ? (
            <LoadingRows rows={2} label="Loading attempts" />
          ) : attempts.isError ? (
            <QueryError error={attempts.error} retry={() => void attempts.refetch()} />
          ) : list.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="no-attempts">
              {noAttemptsText(nodeExecution, kind, gate, phase)}
            </p>
          ) : (
            list.map((a) => (
              <AttemptCard
                key={a.id?.retryAttempt}
                attempt={a}
                selected={a.id?.retryAttempt === selectedAttempt}
                onSelect={() => onChange({ attempt: a.id?.retryAttempt })}
                onOpenLog={(log) => onOpenLog(log, !taskPhase(a.closure?.phase ?? 0).isTerminal, a.id?.retryAttempt ?? 0)}
              />
            ))
          )
        ) : shown === "task" ? (
          <TaskTab taskId={nodeTaskId(list, spec)} waiting={attempts.isPending} />
        ) : shown === "deck" ? (
          <NodeDeck nodeExecution={nodeExecution} />
        ) : data.isPending ? (
          <LoadingRows rows={3} label={`Loading ${shown}`} />
        ) : data.isError ? (
          <QueryError error={data.error} retry={() => void data.refetch()} />
        ) : (
          <>
            <NodeDataActions nodeExecution={nodeExecution} which={shown} data={data.data} />
            <NodeData id={id} which={shown} data={data.data} />
          </>
        )}
      </div>
    </aside>
  );
}
