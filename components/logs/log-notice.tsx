"use client";

// What the viewer says instead of (or above) the lines: loading, empty, errors, and the size cap.
import { formatByteSize } from "@/lib/flyte/logs/size";

const linkClass = "font-medium underline underline-offset-2 hover:no-underline";

export interface LogNoticeProps {
  uri: string;
  running: boolean;
  state: "loading" | "error" | "ready";
  lineCount: number;
  error?: { status: number; message: string };
  truncated: boolean;
  maxBytes?: number;
  totalBytes?: number;
  onRetry: () => void;
}

function RawLink({ uri, children }: { uri: string; children: string }) {
  return (
    <a className={linkClass} href={uri} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

export function LogNotice({ uri, running, state, lineCount, error, truncated, maxBytes, totalBytes, onRetry }: LogNoticeProps) {
  if (state === "loading") {
    return (
      <div role="status" className="px-4 py-6 text-sm text-slate-400">
        Loading the log…
      </div>
    );
  }
  if (state === "error" && error) {
    const title =
      error.status === 403 ? "The console does not show this log inline" : error.status === 404 ? "No log here yet" : "The log could not be loaded";
    return (
      <div role="alert" data-testid="log-error" className="space-y-2 px-4 py-4 text-sm text-red-200">
        <p className="font-semibold">{title}</p>
        <p className="break-words text-red-100/80">{error.message}</p>
        <p className="flex gap-3">
          {error.status !== 403 ? (
            <button type="button" onClick={onRetry} className={`${linkClass} text-red-100`}>
              Retry
            </button>
          ) : null}
          <RawLink uri={uri}>Open the log where it is stored ↗</RawLink>
        </p>
      </div>
    );
  }
  return (
    <>
      {truncated && maxBytes ? (
        <div role="status" data-testid="log-truncated" className="border-b border-amber-700/50 bg-amber-900/40 px-4 py-2 text-sm text-amber-100">
          Showing the first {formatByteSize(maxBytes)}
          {totalBytes ? ` of ${formatByteSize(totalBytes)}` : ""} — <RawLink uri={uri}>download the full log</RawLink>
        </div>
      ) : null}
      {error ? (
        <div role="status" className="border-b border-red-800/50 bg-red-950/60 px-4 py-1.5 text-xs text-red-200">
          Could not load newer lines: {error.message}{" "}
          <button type="button" onClick={onRetry} className={linkClass}>
            Retry
          </button>
        </div>
      ) : null}
      {lineCount === 0 ? (
        <div data-testid="log-empty" className="px-4 py-6 text-sm text-slate-400">
          {running ? "No output yet. New lines appear here as the task writes them." : "This log is empty."}
        </div>
      ) : null}
    </>
  );
}
