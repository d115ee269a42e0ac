"use client";

import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";

export function LogLinks({ logs, onOpen, empty = "No logs for this attempt." }: { logs: TaskLog[]; onOpen(log: TaskLog): void; empty?: string }) {
  if (logs.length === 0) return <p className="text-xs text-slate-500">{empty}</p>;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Logs">
      {logs.map((log) => (
        <li key={log.uri}>
          <button
            type="button"
            onClick={() => onOpen(log)}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50"
          >
            {log.name || "Logs"}
          </button>
        </li>
      ))}
    </ul>
  );
}
