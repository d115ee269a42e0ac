"use client";

import { useId, useState } from "react";
import { formatTimestampUtc } from "@/lib/flyte/time";
import { workflowPhase } from "@/lib/flyte/phases";
import type { FailureGroup } from "@/lib/flyte/triage/groups";
import { executionPath } from "@/lib/flyte/urls";
import { RelativeTime } from "@/components/ui/client-time";
import { Link } from "@/components/ui/link";
import { PhaseBadge } from "@/components/ui/phase-badge";

const KIND_CLASS: Record<FailureGroup["kind"], string> = {
  USER: "bg-amber-50 text-amber-900 ring-amber-200",
  SYSTEM: "bg-rose-50 text-rose-900 ring-rose-200",
  UNKNOWN: "bg-slate-100 text-slate-700 ring-slate-200",
};

function Counted({ items, label, onPick }: { items: { name: string; count: number }[]; label: string; onPick?: (name: string) => void }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={label}>
      {items.map((w) => (
        <li key={w.name} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700" data-name={w.name} data-count={w.count}>
          {onPick ? (
            <button type="button" className="hover:underline" title={`Show only ${w.name}'s failures`} onClick={() => onPick(w.name)}>
              {w.name}
            </button>
          ) : (
            w.name
          )}{" "}
          <span className="text-slate-500">×{w.count.toLocaleString("en")}</span>
        </li>
      ))}
    </ul>
  );
}

/** One error signature: how often, when, where, and its newest runs on request. */
export function FailureGroupCard({
  group,
  project,
  domain,
  nowMs,
  onPickWorkflow,
}: {
  group: FailureGroup;
  project: string;
  domain: string;
  nowMs: number;
  onPickWorkflow: (workflow: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const newest = group.examples[0];
  const title = group.exceptionType || group.code || "No error recorded";
  return (
    <li
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      data-testid="failure-group"
      data-count={group.count}
      data-kind={group.kind}
      data-code={group.code}
      data-exception={group.exceptionType}
      data-message={group.message}
    >
      <div className="flex flex-wrap items-start gap-3">
        <span className="min-w-12 rounded bg-rose-600 px-2 py-0.5 text-center text-sm font-semibold tabular-nums text-white" data-testid="failure-count" title={`${group.count} failed runs`}>
          {group.count.toLocaleString("en")}
        </span>
        <div className="min-w-0 flex-1 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${KIND_CLASS[group.kind]}`}>{group.kind}</span>
            <span className="font-semibold text-slate-900">{title}</span>
            {group.code && group.code !== title ? <code className="text-xs text-slate-500">{group.code}</code> : null}
          </p>
          {group.message ? (
            <p className="break-words font-mono text-sm text-slate-800" data-testid="failure-message">
              {group.message}
            </p>
          ) : (
            <p className="text-sm text-slate-500">The runs ended without an error message.</p>
          )}
        </div>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-600">
        <dt>Seen</dt>
        <dd>
          first <RelativeTime ms={group.firstSeenMs} now={nowMs} /> · last <RelativeTime ms={group.lastSeenMs} now={nowMs} />
        </dd>
        <dt>Workflows</dt>
        <dd>
          <Counted items={group.workflows} label="Workflows" onPick={onPickWorkflow} />
        </dd>
        <dt>Nodes</dt>
        <dd data-testid="failure-nodes">
          {group.nodes.length ? <Counted items={group.nodes} label="Nodes" /> : <span className="text-slate-500">not named in the errors</span>}
        </dd>
      </dl>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {newest ? (
          <Link
            href={executionPath({ project, domain, name: newest.name }, { nodeId: newest.nodeId })}
            className="font-medium text-indigo-700 hover:underline"
            data-testid="failure-newest"
            data-execution-name={newest.name}
          >
            Newest: {newest.name}
          </Link>
        ) : null}
        {group.examples.length > 0 ? (
          <button type="button" className="text-slate-600 hover:text-slate-900 hover:underline" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
            {open ? "Hide runs" : `Show ${group.examples.length === group.count ? "all" : `the newest ${group.examples.length} of`} ${group.count.toLocaleString("en")} runs`}
          </button>
        ) : null}
      </div>
      {open ? (
        <ol id={listId} className="divide-y divide-slate-100 border-t border-slate-100 text-sm" aria-label="Runs with this failure">
          {group.examples.map((e) => (
            <li key={e.name} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-1.5" data-testid="failure-example" data-execution-name={e.name} data-node-id={e.nodeId}>
              <PhaseBadge phase={workflowPhase(e.phase)} />
              <Link href={executionPath({ project, domain, name: e.name }, { nodeId: e.nodeId })} className="font-mono text-indigo-700 hover:underline">
                {e.name}
              </Link>
              <span className="text-xs text-slate-500">{e.workflow}</span>
              {e.nodeId ? <span className="font-mono text-xs text-slate-500">node {e.nodeId}</span> : null}
              <time className="text-xs text-slate-500" dateTime={new Date(e.failedMs).toISOString()}>
                {formatTimestampUtc(e.failedMs)}
              </time>
              <span className="w-full truncate font-mono text-xs text-slate-700" title={e.headline}>
                {e.headline}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}
