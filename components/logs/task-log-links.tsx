"use client";

// An attempt's TaskLogs: logs the console can read get "View" (the viewer opens below), the others
// are links that open in a new tab. Which is which comes from the BFF's allowlist (GET /api/logs).
import { useState } from "react";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import { isInlineLogUri } from "@/lib/flyte/logs/sources";
import { LogViewer } from "./log-viewer";
import { useLogAccess } from "./use-log-access";

export interface TaskLogLinksProps {
  logs: readonly TaskLog[];
  /** Whether the attempt is still running (the viewer follows new lines). */
  running: boolean;
  /** Open the first readable log right away (e.g. in a failed node's panel). */
  openFirstInline?: boolean;
}

const button = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600";

export function TaskLogLinks({ logs, running, openFirstInline = false }: TaskLogLinksProps) {
  const access = useLogAccess();
  const sources = access.data?.sources ?? [];
  const shown = logs.filter((log) => log.uri && !(log.HideOnceFinished && !running));
  const inline = (log: TaskLog) => isInlineLogUri(log.uri, sources);
  const firstInline = openFirstInline ? shown.find(inline)?.uri : undefined;
  const [openUri, setOpenUri] = useState<string | undefined>(undefined);
  const [closedFirst, setClosedFirst] = useState(false);
  const current = openUri ?? (closedFirst ? undefined : firstInline);
  const openLog = shown.find((log) => log.uri === current && inline(log));

  if (shown.length === 0) {
    return <p className="text-sm text-slate-500" data-testid="task-logs-empty">This attempt has no logs.</p>;
  }
  return (
    <div className="space-y-3" data-testid="task-logs">
      <ul className="flex flex-wrap gap-2">
        {shown.map((log, i) => {
          const label = log.name || `Log ${i + 1}`;
          if (inline(log)) {
            const isOpen = openLog?.uri === log.uri;
            return (
              <li key={`${log.uri}#${i}`} data-inline="true" className="flex items-center gap-1">
                <button
                  type="button"
                  aria-expanded={isOpen}
                  className={button}
                  onClick={() => {
                    if (isOpen) {
                      setOpenUri(undefined);
                      setClosedFirst(true);
                    } else setOpenUri(log.uri);
                  }}
                >
                  {isOpen ? "Hide" : "View"} {label}
                </button>
              </li>
            );
          }
          return (
            <li key={`${log.uri}#${i}`} data-inline="false">
              <a className={button} href={log.uri} target="_blank" rel="noopener noreferrer">
                {label} ↗
              </a>
            </li>
          );
        })}
      </ul>
      {openLog ? <LogViewer key={openLog.uri} uri={openLog.uri} name={openLog.name || "Log"} running={running} /> : null}
    </div>
  );
}
