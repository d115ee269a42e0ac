"use client";

import type { ReactNode } from "react";
import { Code, ConnectError } from "@connectrpc/connect";
import { useQuery } from "@connectrpc/connect-query";
import { summarizeExecution } from "@/lib/flyte/execution";
import { workflowPhase } from "@/lib/flyte/phases";
import { formatDuration, formatTimestampUtc } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import { getExecution } from "@/lib/query/executions";
import { Breadcrumbs } from "@/components/shell/app-header";
import { Banner } from "@/components/ui/banner";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { useNow } from "@/components/ui/use-now";

/** The execution's header facts. The full execution view (graph, nodes, timeline) builds on this. */
export function ExecutionOverview({ project, domain, name }: { project: string; domain: string; name: string }) {
  const execution = useQuery(getExecution, { id: { project, domain, name } }, { refetchInterval: 5_000 });
  const summary = execution.data ? summarizeExecution(execution.data) : undefined;
  const phase = workflowPhase(summary?.phase ?? 0);
  const now = useNow(1_000, !!summary && !phase.isTerminal);

  const crumbs = [
    { label: "Projects", href: "/console" },
    { label: `${project}/${domain}`, href: consolePath({ page: "executions", project, domain }) },
    { label: name },
  ];
  if (execution.isPending) return <LoadingRows rows={3} label="Loading execution" />;
  if (execution.isError && !execution.data) {
    const notFound = ConnectError.from(execution.error).code === Code.NotFound;
    return (
      <section className="space-y-4">
        <Breadcrumbs items={crumbs} />
        {notFound ? (
          <EmptyState title={`Execution ${name} was not found`} testId="execution-not-found">
            It may have been launched in another project or domain.
          </EmptyState>
        ) : (
          <QueryError error={execution.error} retry={() => void execution.refetch()} />
        )}
      </section>
    );
  }
  if (!summary) return null;
  const duration = summary.durationMs ?? (summary.startedMs ? now - summary.startedMs : undefined);
  return (
    <section data-testid="execution-header" data-phase={phase.name} className="space-y-4">
      <Breadcrumbs items={crumbs} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold">{summary.name}</h1>
        <PhaseBadge phase={phase} testId="execution-phase" />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        <Fact label="Launch plan">{summary.launchPlanName || "—"}</Fact>
        <Fact label="Version">{summary.launchPlanVersion || "—"}</Fact>
        <Fact label="Started">{formatTimestampUtc(summary.startedMs ?? summary.createdMs)}</Fact>
        <Fact label="Duration">{formatDuration(duration)}</Fact>
        <Fact label="Launched by">{summary.principal || "—"}</Fact>
        <Fact label="Mode">{summary.mode}</Fact>
        <Fact label="Tags">{summary.tags.length ? summary.tags.join(", ") : "—"}</Fact>
      </dl>
      {summary.error ? (
        <Banner tone="error" title={`${summary.error.kind === "UNKNOWN" ? "" : summary.error.kind + " "}error`} testId="execution-error">
          <pre className="whitespace-pre-wrap font-mono text-xs">{summary.error.message}</pre>
        </Banner>
      ) : null}
      {summary.abortCause ? (
        <Banner tone="warning" title="Aborted" testId="execution-abort">
          {summary.abortCause}
        </Banner>
      ) : null}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="truncate text-slate-900">{children}</dd>
    </div>
  );
}
