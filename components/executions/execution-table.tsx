"use client";

// Executions as a table that stays smooth at any length: only the rows in view are in the DOM,
// and reaching the end asks for the next page.
import { useVirtualizer } from "@tanstack/react-virtual";
import { Link } from "@/components/ui/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { errorHeadline } from "@/lib/flyte/error-line";
import { summarizeExecution, type ExecutionSummary } from "@/lib/flyte/execution";
import { workflowPhase } from "@/lib/flyte/phases";
import { formatDuration } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import { RelativeTime } from "@/components/ui/client-time";
import { useHydrated } from "@/lib/query/hydrated";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { useNow } from "@/components/ui/use-now";
import { ExecutionRowActions } from "./execution-row-actions";

export const ROW_HEIGHT = 60;
/** Start loading the next page this many rows before the end. */
const PREFETCH_ROWS = 15;

/** Rows picked to compare (the dashboard's): a checkbox column leads the table when given. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle(name: string): void;
  /** No more rows may be picked (the others' checkboxes are disabled). */
  full: boolean;
}

const SELECT_COLUMN = { label: "Select", width: "3rem" };

const COLUMNS = [
  { label: "Execution", width: "17%" },
  { label: "Launch plan / version", width: "18%" },
  { label: "Phase", width: "20%" },
  { label: "Started", width: "10%" },
  { label: "Duration", width: "7%" },
  { label: "Launched by", width: "11%" },
  { label: "Actions", width: "17%" },
];

/** The error's line a person reads first, the whole message on request (the row grows). */
function ErrorLine({ message, expanded, onToggle }: { message: string; expanded: boolean; onToggle(): void }) {
  const { line, more } = errorHeadline(message);
  return (
    <div data-testid="execution-error" data-expanded={expanded}>
      <div className="mt-0.5 flex min-w-0 items-start gap-1">
        <p className="truncate text-xs text-red-700" title={line} data-testid="execution-error-line">
          {line}
        </p>
        {more ? (
          <button type="button" aria-expanded={expanded} onClick={onToggle} className="shrink-0 text-xs text-indigo-700 hover:underline" data-testid="execution-error-toggle">
            {expanded ? "less" : "more"}
          </button>
        ) : null}
      </div>
      {expanded ? (
        <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-words rounded bg-red-50 p-2 font-mono text-[11px] text-red-900" data-testid="execution-error-full">
          {message}
        </pre>
      ) : null}
    </div>
  );
}

function ExecutionRow({
  s,
  execution,
  now,
  index,
  expanded,
  onToggle,
  measure,
  selection,
}: {
  s: ExecutionSummary;
  execution: Execution;
  /** Undefined until hydrated: the server's clock is not the browser's. */
  now: number | undefined;
  index: number;
  expanded: boolean;
  onToggle(name: string): void;
  measure(el: HTMLTableRowElement | null): void;
  selection?: RowSelection;
}) {
  const phase = workflowPhase(s.phase);
  const picked = selection?.selected.has(s.name) ?? false;
  const running = !phase.isTerminal;
  const duration = s.durationMs ?? (running && s.startedMs && now !== undefined ? now - s.startedMs : undefined);
  const entity = s.launchPlanName || s.workflowName;
  return (
    <tr
      ref={measure}
      data-index={index}
      data-testid="execution-row"
      data-execution-name={s.name}
      data-phase={phase.name}
      aria-rowindex={index + 2}
      style={{ height: ROW_HEIGHT }}
      data-selected={selection ? picked : undefined}
      className={`border-t border-slate-100 align-top hover:bg-slate-50 ${picked ? "bg-indigo-50/60" : ""}`}
    >
      {selection ? (
        <td className="px-3 py-2">
          <input
            type="checkbox"
            className="mt-1 h-4 w-4 accent-indigo-600"
            checked={picked}
            disabled={!picked && selection.full}
            title={!picked && selection.full ? "Up to 4 runs compare at once" : undefined}
            aria-label={`Select ${s.name} to compare`}
            data-testid="execution-select"
            onChange={() => selection.toggle(s.name)}
          />
        </td>
      ) : null}
      <td className="overflow-hidden px-3 py-2">
        <Link
          prefetch={false}
          href={consolePath({ page: "execution", project: s.project, domain: s.domain, name: s.name })}
          className="block truncate font-mono text-sm text-indigo-700 hover:underline"
        >
          {s.name}
        </Link>
        <div className="flex gap-1 truncate text-xs text-slate-500">
          {s.archived ? <span className="rounded bg-slate-100 px-1 text-slate-600">archived</span> : null}
          {s.tags.length ? <span title={s.tags.join(", ")}>{s.tags.map((t) => `#${t}`).join(" ")}</span> : null}
        </div>
      </td>
      <td className="overflow-hidden px-3 py-2">
        <div className="truncate text-sm text-slate-900" title={entity}>
          {entity}
        </div>
        <div className="truncate font-mono text-xs text-slate-500" title={s.launchPlanVersion || s.workflowVersion}>
          {s.launchPlanVersion || s.workflowVersion}
        </div>
      </td>
      <td className="overflow-hidden px-3 py-2">
        <PhaseBadge phase={phase} />
        {s.error ? (
          <ErrorLine message={s.error.message} expanded={expanded} onToggle={() => onToggle(s.name)} />
        ) : s.abortCause ? (
          <p className="mt-0.5 truncate text-xs text-amber-800" title={s.abortCause}>
            {s.abortCause}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2 text-sm text-slate-700">
        <RelativeTime ms={s.startedMs ?? s.createdMs} now={now} />
      </td>
      <td className="px-3 py-2 font-mono text-sm tabular-nums text-slate-700">{formatDuration(duration)}</td>
      <td className="overflow-hidden px-3 py-2 text-sm text-slate-700">
        <div className="truncate" title={s.principal}>
          {s.principal || "—"}
        </div>
        <div className="truncate text-xs text-slate-500">{s.mode}</div>
      </td>
      <td className="px-3 py-2">
        <ExecutionRowActions execution={execution} />
      </td>
    </tr>
  );
}

export interface ExecutionTableProps {
  executions: Execution[];
  /** More rows exist upstream; the table asks for them when the end comes into view. */
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Height of the scrolling area (CSS length). */
  maxHeight?: string;
  label?: string;
  /** Rows can be picked (to compare them). */
  selection?: RowSelection;
}

export function ExecutionTable({
  executions,
  hasMore = false,
  loadingMore = false,
  onLoadMore,
  maxHeight = "calc(100vh - 12rem)",
  label = "Executions",
  selection,
}: ExecutionTableProps) {
  const columns = selection ? [SELECT_COLUMN, ...COLUMNS] : COLUMNS;
  const summaries = useMemo(() => executions.map(summarizeExecution), [executions]);
  const anyRunning = useMemo(() => summaries.some((s) => !workflowPhase(s.phase).isTerminal), [summaries]);
  const ticking = useNow(1_000, anyRunning);
  const hydrated = useHydrated();
  const now = hydrated ? ticking : undefined;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (name: string) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        if (!next.delete(name)) next.add(name);
        return next;
      }),
    [],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = summaries.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // The server's HTML holds the first screen of rows only (15, not 25: the page's bytes, its render and the
    // browser's first layout grow with each); rows past the screen follow once hydrated, ready for scrolling.
    overscan: hydrated ? 10 : 0,
    // Paint the first screen of rows before the scroll area has been measured.
    initialRect: { width: 1200, height: 900 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= summaries.length - PREFETCH_ROWS) onLoadMore?.();
  }, [hasMore, loadingMore, lastIndex, summaries.length, onLoadMore]);

  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div ref={scrollRef} className="overflow-auto rounded-lg border border-slate-200 bg-white" style={{ maxHeight }} data-testid="execution-table-scroll">
      <table
        data-testid="execution-table"
        aria-label={label}
        aria-rowcount={hasMore ? -1 : summaries.length + 1}
        className="w-full table-fixed text-left"
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.label} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 shadow-[0_1px_0_rgb(226_232_240)]">
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th key={c.label} scope="col" className="px-3 py-2 font-medium">
                {c === SELECT_COLUMN ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
          {items.map((item) =>
            item.index < summaries.length ? (
              <ExecutionRow
                key={summaries[item.index].name}
                s={summaries[item.index]}
                execution={executions[item.index]}
                now={now}
                index={item.index}
                expanded={expanded.has(summaries[item.index].name)}
                onToggle={toggle}
                measure={virtualizer.measureElement}
                selection={selection}
              />
            ) : (
              <tr key="more" style={{ height: ROW_HEIGHT }} data-testid="execution-table-more">
                <td colSpan={columns.length} className="px-3 py-2 text-center text-sm text-slate-500" role="status">
                  {loadingMore ? "Loading more executions…" : "Scroll for more"}
                </td>
              </tr>
            ),
          )}
          {padBottom > 0 ? (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
