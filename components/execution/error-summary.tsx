"use client";

import type { ExecutionError } from "@/lib/gen/flyteidl/core/execution_pb";
import { lastErrorLine } from "@/lib/flyte/attempts";

const KIND = ["", "USER", "SYSTEM"] as const;

/**
 * An error as a person scans it: kind and code, the line that says what went wrong (a traceback's last line)
 * up front, and the whole message one click away.
 */
export function ErrorSummary({ error, testId, title }: { error: Pick<ExecutionError, "message" | "code" | "kind">; testId: string; title?: string }) {
  const last = lastErrorLine(error.message);
  const multiline = error.message.trim() !== last;
  const kind = KIND[error.kind] ?? "";
  return (
    <div role="alert" data-testid={testId} className="rounded border border-red-200 bg-red-50 p-2">
      <p className="text-xs font-semibold text-red-800">
        {title ?? `${kind ? `${kind} error` : "Error"}${error.code ? ` · ${error.code}` : ""}`}
      </p>
      <p data-testid="error-last-line" className="mt-1 break-words font-mono text-xs text-red-900">
        {last || "No message."}
      </p>
      {multiline ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-red-800 hover:underline">Full error</summary>
          <pre data-testid="error-full" className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap font-mono text-xs text-red-900">
            {error.message}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
