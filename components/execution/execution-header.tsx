"use client";

import { Link } from "@/components/ui/link";
import type { ReactNode } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { summarizeExecution } from "@/lib/flyte/execution";
import { workflowPhase } from "@/lib/flyte/phases";
import { formatDuration, formatTimestampUtc } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import type { LiveStatus } from "@/lib/query/live-execution";
import { ExecutionActions } from "@/components/actions/execution-actions";
import { CompareWithPrevious } from "@/components/compare/compare-previous-link";
import { GateBanner } from "@/components/signals/gate-banner";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { scopeCrumbs } from "@/components/projects/sections";
import { Banner } from "@/components/ui/banner";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { useNow } from "@/components/ui/use-now";
import { ExecutionDetails } from "./execution-details";
import { LiveIndicator } from "./live-indicator";
import { NotifyWhenDone } from "./notify-when-done";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="truncate text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function ExecutionHeader({
  execution,
  renderedAt,
  status,
  liveError,
  retryAt,
  failedNodeId,
  onShowNode,
  nodes,
  selectedNodeId,
}: {
  execution: Execution;
  /**
   * When the server rendered this header (epoch ms): a running execution's duration counts from it until the
   * first tick, so the browser's first render (hydration) shows the very text that came with the HTML.
   */
  renderedAt?: number;
  status: LiveStatus;
  liveError: string;
  /** While reconnecting: when the next attempt starts (epoch ms). */
  retryAt?: number;
  failedNodeId?: string;
  onShowNode(nodeId: string): void;
  /** Live node executions: the gate banner counts the gates waiting for input. */
  nodes?: ReadonlyMap<string, NodeExecution>;
  selectedNodeId?: string;
}) {
  const s = summarizeExecution(execution);
  const phase = workflowPhase(s.phase);
  const now = useNow(1_000, !phase.isTerminal, renderedAt);
  const duration = s.durationMs ?? (s.startedMs && !phase.isTerminal ? now - s.startedMs : undefined);
  const lp = execution.spec?.launchPlan;
  const wf = execution.closure?.workflowId;
  return (
    <section data-testid="execution-header" data-phase={phase.name} className="space-y-3">
      <Breadcrumbs
        items={[...scopeCrumbs(s.project, s.domain), { label: s.name }]}
      />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold">{s.name}</h1>
        <PhaseBadge phase={phase} testId="execution-phase" />
        <LiveIndicator status={status} error={liveError} retryAt={retryAt} />
        <NotifyWhenDone execution={execution} />
        <ExecutionActions execution={execution} />
        <CompareWithPrevious execution={execution} />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-3 lg:grid-cols-6">
        <Fact label="Launch plan">
          {lp?.name ? (
            <Link className="text-indigo-700 hover:underline" href={consolePath({ page: "entityVersion", kind: "launch_plan", project: lp.project, domain: lp.domain, name: lp.name, version: lp.version })} title={`${lp.name} ${lp.version}`}>
              {lp.name}
            </Link>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Workflow version">
          {wf?.name ? (
            <Link className="text-indigo-700 hover:underline" href={consolePath({ page: "entityVersion", kind: "workflow", project: wf.project, domain: wf.domain, name: wf.name, version: wf.version })} title={`${wf.name} ${wf.version}`}>
              {wf.version}
            </Link>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Started">{formatTimestampUtc(s.startedMs ?? s.createdMs)}</Fact>
        <Fact label="Duration">
          <span data-testid="execution-duration" className="font-mono tabular-nums">
            {formatDuration(duration)}
          </span>
        </Fact>
        <Fact label="Launched by">
          <span title={s.principal}>{s.principal || "—"}</span> <span className="text-slate-500">· {s.mode}</span>
        </Fact>
        <Fact label="Tags">{s.tags.length ? s.tags.join(", ") : "—"}</Fact>
      </dl>
      <ExecutionDetails execution={execution} />
      {nodes ? <GateBanner execution={execution} nodes={nodes} selectedNodeId={selectedNodeId} onShowNode={onShowNode} /> : null}
      {s.error ? (
        <Banner
          tone="error"
          title={s.error.kind === "UNKNOWN" ? "Execution failed" : `Execution failed with a ${s.error.kind} error`}
          testId="execution-error"
          action={
            failedNodeId ? (
              <button type="button" className="text-sm font-medium text-red-800 underline" onClick={() => onShowNode(failedNodeId)}>
                Show failing node {failedNodeId}
              </button>
            ) : undefined
          }
        >
          <pre className="max-h-40 overflow-auto whitespace-pre-wrap font-mono text-xs">{s.error.message}</pre>
        </Banner>
      ) : null}
      {s.abortCause ? (
        <Banner tone="warning" title="Aborted" testId="execution-abort">
          {s.abortCause}
        </Banner>
      ) : null}
    </section>
  );
}
