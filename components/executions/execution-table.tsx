"use client";

import Link from "next/link";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { summarizeExecution, type ExecutionSummary } from "@/lib/flyte/execution";
import { workflowPhase } from "@/lib/flyte/phases";
import { formatDuration, formatRelative, formatTimestampUtc } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { useNow } from "@/components/ui/use-now";

function ExecutionRow({ s, now }: { s: ExecutionSummary; now: number }) {
  const phase = workflowPhase(s.phase);
  const running = !phase.isTerminal;
  const duration = s.durationMs ?? (running && s.startedMs ? now - s.startedMs : undefined);
  return (
    <tr
      data-testid="execution-row"
      data-execution-name={s.name}
      data-phase={phase.name}
      className="border-t border-slate-100 hover:bg-slate-50"
    >
      <td className="px-3 py-2">
        <Link
          href={consolePath({ page: "execution", project: s.project, domain: s.domain, name: s.name })}
          className="font-mono text-sm text-indigo-700 hover:underline"
        >
          {s.name}
        </Link>
        {s.archived ? <span className="ml-2 text-xs text-slate-500">archived</span> : null}
      </td>
      <td className="max-w-xs px-3 py-2">
        <div className="truncate text-sm text-slate-900" title={s.launchPlanName || s.workflowName}>
          {s.launchPlanName || s.workflowName}
        </div>
        <div className="truncate font-mono text-xs text-slate-500" title={s.launchPlanVersion}>
          {s.launchPlanVersion}
        </div>
      </td>
      <td className="px-3 py-2">
        <PhaseBadge phase={phase} />
        {s.error ? (
          <p className="mt-1 max-w-xs truncate text-xs text-red-700" title={s.error.message}>
            {s.error.message}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2 text-sm text-slate-700" title={formatTimestampUtc(s.startedMs ?? s.createdMs)}>
        {formatRelative(s.startedMs ?? s.createdMs, now)}
      </td>
      <td className="px-3 py-2 font-mono text-sm tabular-nums text-slate-700">{formatDuration(duration)}</td>
      <td className="max-w-[12rem] truncate px-3 py-2 text-sm text-slate-700" title={s.principal}>
        {s.principal || "—"}
        <div className="text-xs text-slate-500">{s.mode}</div>
      </td>
    </tr>
  );
}

export function ExecutionTable({ executions }: { executions: Execution[] }) {
  const summaries = executions.map(summarizeExecution);
  const anyRunning = summaries.some((s) => !workflowPhase(s.phase).isTerminal);
  const now = useNow(1_000, anyRunning);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table data-testid="execution-table" className="w-full text-left">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Execution</th>
            <th scope="col" className="px-3 py-2 font-medium">Launch plan / version</th>
            <th scope="col" className="px-3 py-2 font-medium">Phase</th>
            <th scope="col" className="px-3 py-2 font-medium">Started</th>
            <th scope="col" className="px-3 py-2 font-medium">Duration</th>
            <th scope="col" className="px-3 py-2 font-medium">Launched by</th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => (
            <ExecutionRow key={s.name} s={s} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
