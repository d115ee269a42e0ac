"use client";

import Link from "next/link";
import { useEffect } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import { nodePhase, taskPhase } from "@/lib/flyte/phases";
import { durationMs, formatDuration, formatTimestampUtc, timestampMs } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import { useNodeAttempts, useNodeExecutionData } from "@/lib/query/node-executions";
import { GateNodeActions } from "@/components/signals/gate-node-actions";
import { Button } from "@/components/ui/button";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { LoadingRows, QueryError } from "@/components/ui/query-state";
import { AttemptCard } from "./attempt-card";
import { ChildExecutionLink } from "./child-execution-link";
import { NodeData } from "./node-data";

const PANEL_TABS = ["attempts", "inputs", "outputs"] as const;
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
  onOpenLog(log: TaskLog, running: boolean): void;
}) {
  const id = nodeExecution.id!;
  const c = nodeExecution.closure;
  const phase = nodePhase(c?.phase ?? 0);
  const running = !phase.isTerminal;
  const attempts = useNodeAttempts(id, { running, enabled: tab === "attempts" });
  const data = useNodeExecutionData(id, { running, enabled: tab !== "attempts" });
  // A new attempt or a final phase shows on the node execution first: read the attempts again then.
  const updatedMs = timestampMs(c?.updatedAt);
  const refetchAttempts = attempts.refetch;
  useEffect(() => {
    if (tab === "attempts") void refetchAttempts();
  }, [updatedMs, tab, refetchAttempts]);
  const error = c?.outputResult.case === "error" ? c.outputResult.value : undefined;
  const list = [...(attempts.data?.taskExecutions ?? [])].sort((a, b) => (a.id?.retryAttempt ?? 0) - (b.id?.retryAttempt ?? 0));
  const selectedAttempt = attempt ?? list.at(-1)?.id?.retryAttempt;

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
        {error ? (
          <div role="alert" data-testid="node-error" className="rounded border border-red-200 bg-red-50 p-2">
            <p className="text-xs font-semibold text-red-800">
              {error.kind === 1 ? "USER error" : error.kind === 2 ? "SYSTEM error" : "Error"} {error.code ? `· ${error.code}` : ""}
            </p>
            <pre className="mt-1 max-h-28 overflow-auto whitespace-pre-wrap font-mono text-xs text-red-900">{error.message}</pre>
          </div>
        ) : null}
      </header>
      <nav role="tablist" aria-label="Node details" className="flex gap-1 border-b border-slate-200 bg-white px-2">
        {PANEL_TABS.map((t) => (
          <button
            key={t}
            role="tab"
            type="button"
            aria-selected={tab === t}
            onClick={() => onChange({ panel: t })}
            className={`-mb-px border-b-2 px-2 py-1.5 text-sm capitalize ${tab === t ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t}
          </button>
        ))}
      </nav>
      <div className="min-h-0 flex-1 space-y-2 overflow-auto p-3" role="tabpanel">
        {tab === "attempts" ? (
          attempts.isPending ? (
            <LoadingRows rows={2} label="Loading attempts" />
          ) : attempts.isError ? (
            <QueryError error={attempts.error} retry={() => void attempts.refetch()} />
          ) : list.length === 0 ? (
            <p className="text-sm text-slate-500">{nodeExecution.metadata?.isParentNode ? "This node runs other nodes; select them in the graph or the nodes table." : "No task attempts (yet)."}</p>
          ) : (
            list.map((a) => (
              <AttemptCard
                key={a.id?.retryAttempt}
                attempt={a}
                selected={a.id?.retryAttempt === selectedAttempt}
                onSelect={() => onChange({ attempt: a.id?.retryAttempt })}
                onOpenLog={(log) => onOpenLog(log, !taskPhase(a.closure?.phase ?? 0).isTerminal)}
              />
            ))
          )
        ) : data.isPending ? (
          <LoadingRows rows={3} label={`Loading ${tab}`} />
        ) : data.isError ? (
          <QueryError error={data.error} retry={() => void data.refetch()} />
        ) : (
          <NodeData which={tab} data={data.data} />
        )}
      </div>
    </aside>
  );
}
