"use client";

// The viewer's controls: search (with match count and next/previous), wrap, follow, download, and
// links to the raw log and to the log's own page.
import { forwardRef, type KeyboardEvent, type ReactNode } from "react";

export interface LogToolbarProps {
  name: string;
  query: string;
  onQueryChange: (query: string) => void;
  /** 0-based index of the active match, or -1. */
  activeMatch: number;
  matchCount: number;
  searching: boolean;
  capped: boolean;
  onNext: () => void;
  onPrevious: () => void;
  wrap: boolean;
  onWrapChange: (wrap: boolean) => void;
  follow: boolean;
  running: boolean;
  onFollowChange: (follow: boolean) => void;
  onDownload: () => void;
  canDownload: boolean;
  rawUri: string;
  pageHref?: string;
  sizeLabel?: string;
}

function Toggle({ pressed, onChange, disabled, title, children }: {
  pressed: boolean;
  onChange: (pressed: boolean) => void;
  disabled?: boolean;
  title: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      disabled={disabled}
      title={title}
      onClick={() => onChange(!pressed)}
      className={`rounded px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-400 disabled:cursor-not-allowed disabled:opacity-40 ${
        pressed ? "bg-indigo-500 text-white" : "bg-slate-700 text-slate-200 hover:bg-slate-600"
      }`}
    >
      {children}
    </button>
  );
}

const small = "rounded bg-slate-700 px-2 py-1 text-xs font-medium text-slate-200 hover:bg-slate-600 focus-visible:outline-2 focus-visible:outline-indigo-400 disabled:cursor-not-allowed disabled:opacity-40";

export const LogToolbar = forwardRef<HTMLInputElement, LogToolbarProps>(function LogToolbar(props, searchRef) {
  const { query, matchCount, activeMatch } = props;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (event.shiftKey) props.onPrevious();
      else props.onNext();
    } else if (event.key === "Escape" && query) {
      event.preventDefault();
      props.onQueryChange("");
    }
  };
  const countLabel = !query
    ? ""
    : matchCount === 0
      ? props.searching
        ? "searching…"
        : "no matches"
      : `${activeMatch + 1} of ${matchCount}${props.capped ? "+" : ""}${props.searching ? "…" : ""}`;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-t-md border-b border-slate-700 bg-slate-800 px-2 py-1.5 text-slate-200">
      <span className="mr-1 truncate text-sm font-medium" title={props.name}>
        {props.name}
        {props.sizeLabel ? <span className="ml-2 text-xs font-normal text-slate-400">{props.sizeLabel}</span> : null}
      </span>
      <div className="flex items-center gap-1">
        <input
          ref={searchRef}
          type="search"
          value={query}
          onChange={(e) => props.onQueryChange(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Search the log"
          aria-label="Search the log"
          data-testid="log-search"
          className="w-48 rounded border border-slate-600 bg-slate-900 px-2 py-1 text-xs text-slate-100 placeholder:text-slate-500 focus:border-indigo-400 focus:outline-none"
        />
        <span aria-live="polite" data-testid="log-search-count" className="min-w-[5.5rem] text-xs tabular-nums text-slate-400">
          {countLabel}
        </span>
        <button type="button" className={small} onClick={props.onPrevious} disabled={matchCount === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
          ↑
        </button>
        <button type="button" className={small} onClick={props.onNext} disabled={matchCount === 0} aria-label="Next match" title="Next match (Enter)">
          ↓
        </button>
      </div>
      <div className="ml-auto flex items-center gap-1">
        <Toggle pressed={props.wrap} onChange={props.onWrapChange} title="Wrap long lines">
          Wrap
        </Toggle>
        <Toggle
          pressed={props.follow && props.running}
          onChange={props.onFollowChange}
          disabled={!props.running}
          title={props.running ? "Keep loading new lines and stay at the end" : "The task is not running"}
        >
          Follow
        </Toggle>
        <button type="button" className={small} onClick={props.onDownload} disabled={!props.canDownload} title="Download the text shown">
          Download
        </button>
        {props.pageHref ? (
          <a className={small} href={props.pageHref} target="_blank" rel="noopener noreferrer" title="Open this log on its own page">
            Full page
          </a>
        ) : null}
        <a className={small} href={props.rawUri} target="_blank" rel="noopener noreferrer" title="Open the log where it is stored">
          Raw ↗
        </a>
      </div>
    </div>
  );
});
