"use client";

import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import type { LogOwner } from "@/lib/flyte/logs/protocol";
import { LogViewer } from "@/components/logs/log-viewer";
import { Button } from "@/components/ui/button";

/** A task attempt's log, inline at the bottom of the execution page. */
export function LogDrawer({ log, running, owner, onClose }: { log: TaskLog; running: boolean; owner?: LogOwner; onClose(): void }) {
  return (
    <section
      aria-label={`Log: ${log.name}`}
      data-testid="log-drawer"
      className="fixed inset-x-0 bottom-0 z-40 flex h-[45vh] flex-col border-t border-slate-300 bg-white shadow-2xl"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5">
        <h2 className="truncate text-sm font-semibold">{log.name || "Log"}</h2>
        <Button variant="ghost" className="ml-auto" onClick={onClose} aria-label="Close log">
          ✕
        </Button>
      </header>
      <div className="min-h-0 flex-1">
        <LogViewer uri={log.uri} name={log.name || "log"} running={running} owner={owner} />
      </div>
    </section>
  );
}
