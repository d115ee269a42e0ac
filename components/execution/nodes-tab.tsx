"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { nodeExecutionRows, type NodeSort } from "@/lib/flyte/node-executions";
import { nodePhase, nodePhases } from "@/lib/flyte/phases";
import { formatDuration, formatTimestampUtc } from "@/lib/flyte/time";
import { attemptStatus } from "@/lib/flyte/attempt-phases";
import { AttemptPhaseNote } from "@/components/ui/attempt-phase-note";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { EmptyState } from "@/components/ui/query-state";
import { useNow } from "@/components/ui/use-now";
import { isTaskNodeExecution, useTaskAttempts } from "@/lib/query/use-node-extras";

const ROW_HEIGHT = 40;
const FILTER_PHASES = ["RUNNING", "QUEUED", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "SKIPPED", "RECOVERED"];

export function NodesTab({
  nodes,
  parents,
  nameOf,
  running,
  selectedNodeId,
  onSelectNode,
}: {
  nodes: ReadonlyMap<string, NodeExecution>;
  /** Child node id → parent node id, from the watch stream: nests children whose ids FlytePropeller hashed. */
  parents?: ReadonlyMap<string, string>;
  nameOf?: (ne: NodeExecution) => string | undefined;
  running: boolean;
  selectedNodeId?: string;
  onSelectNode(nodeId: string): void;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [phases, setPhases] = useState<ReadonlySet<string>>(new Set());
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<NodeSort>("start");
  const now = useNow(1_000, running);
  const rows = useMemo(
    () => nodeExecutionRows(nodes.values(), { expanded, phases, search, sort, nowMs: now, nameOf, parents }),
    [nodes, parents, expanded, phases, search, sort, now, nameOf],
  );
  const runningTasks = useMemo(() => [...nodes.values()].filter((ne) => isTaskNodeExecution(ne) && !nodePhase(ne.closure?.phase ?? 0).isTerminal), [nodes]);
  const attempts = useTaskAttempts(runningTasks);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const toggle = (set: ReadonlySet<string>, value: string) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };
  const known = new Set<string>(nodePhases.map((p) => p.name));

  return (
    <div className="flex h-full flex-col gap-2" data-testid="nodes-tab">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          placeholder="Search nodes by name"
          aria-label="Search nodes by name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-64 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <div role="group" aria-label="Filter by phase" className="flex flex-wrap gap-1">
          {FILTER_PHASES.filter((p) => known.has(p)).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={phases.has(p)}
              onClick={() => setPhases(toggle(phases, p))}
              className={`rounded-full px-2 py-0.5 text-xs ring-1 ${phases.has(p) ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300"}`}
            >
              {nodePhases.find((x) => x.name === p)?.label ?? p}
            </button>
          ))}
        </div>
        <label className="ml-auto flex items-center gap-1 text-sm text-slate-600">
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value as NodeSort)} className="rounded border border-slate-300 px-1 py-0.5">
            <option value="start">start time</option>
            <option value="duration">duration</option>
          </select>
        </label>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={nodes.size === 0 ? "No node has started yet" : "No node matches"} />
      ) : (
        <div className="min-h-0 flex-1 rounded-lg border border-slate-200 bg-white" role="table" aria-label="Node executions" aria-rowcount={rows.length}>
          <div role="row" className="grid grid-cols-[minmax(0,2fr)_8rem_11rem_6rem] gap-2 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs uppercase tracking-wide text-slate-500">
            <span role="columnheader">Node</span>
            <span role="columnheader">Phase</span>
            <span role="columnheader">Started</span>
            <span role="columnheader">Duration</span>
          </div>
          <div ref={scroller} className="h-[calc(100%-2rem)] overflow-auto">
            <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
              {virtual.getVirtualItems().map((item) => {
                const row = rows[item.index];
                const phase = nodePhase(row.phase);
                const selected = row.nodeId === selectedNodeId;
                const list = phase.isTerminal ? undefined : attempts.get(row.nodeId);
                const waiting = list ? attemptStatus(list, now) : undefined;
                return (
                  <div
                    key={row.nodeId}
                    role="row"
                    data-testid="node-row"
                    data-node-id={row.nodeId}
                    data-phase={phase.name}
                    aria-selected={selected}
                    onClick={() => onSelectNode(row.nodeId)}
                    className={`absolute inset-x-0 grid cursor-pointer grid-cols-[minmax(0,2fr)_8rem_11rem_6rem] items-center gap-2 border-b border-slate-100 px-3 text-sm hover:bg-slate-50 ${selected ? "bg-indigo-50" : ""}`}
                    style={{ top: item.start, height: ROW_HEIGHT }}
                  >
                    <span role="cell" className="flex min-w-0 items-center gap-1" style={{ paddingLeft: row.depth * 16 }}>
                      {row.hasChildren ? (
                        <button
                          type="button"
                          aria-label={`${row.expanded ? "Collapse" : "Expand"} ${row.name}`}
                          aria-expanded={row.expanded}
                          onClick={(e) => {
                            e.stopPropagation();
                            setExpanded(toggle(expanded, row.nodeId));
                          }}
                          className="w-4 text-slate-500"
                        >
                          {row.expanded ? "▾" : "▸"}
                        </button>
                      ) : (
                        <span className="w-4" />
                      )}
                      <span className="truncate font-medium" title={row.nodeId}>
                        {row.name}
                      </span>
                      {row.name !== row.nodeId ? <span className="truncate font-mono text-xs text-slate-500">{row.nodeId}</span> : null}
                    </span>
                    <span role="cell" className="min-w-0">
                      <PhaseBadge phase={phase} />
                      {waiting ? <AttemptPhaseNote status={waiting} nowMs={now} className="text-slate-600" /> : null}
                    </span>
                    <span role="cell" className="text-xs text-slate-600">
                      {formatTimestampUtc(row.startedMs)}
                    </span>
                    <span role="cell" className="font-mono text-xs tabular-nums text-slate-700">
                      {formatDuration(row.durationMs)}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
