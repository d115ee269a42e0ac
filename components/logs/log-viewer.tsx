"use client";

// A task log shown in the console: read through the BFF (/api/logs), virtualised, ANSI colours as
// styled text, search with highlighted matches, wrap, follow while the task runs, line links
// (`?line=120`), download, and the size cap's notice. Log text is data: it is never parsed as HTML.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { LINE_QUERY_KEY, parseLineAnchor, selectLine, withLineAnchor, type LineRange } from "@/lib/flyte/logs/anchor";
import { logDocumentText, logLineCount } from "@/lib/flyte/logs/lines";
import { logPagePath, type LogOwner } from "@/lib/flyte/logs/protocol";
import { withBasePath } from "@/lib/flyte/urls";
import type { LineHighlight } from "@/lib/flyte/logs/search";
import { formatByteSize } from "@/lib/flyte/logs/size";
import { downloadText, logFileName } from "./download";
import { LogLines, type LogLinesHandle } from "./log-lines";
import { LogNotice } from "./log-notice";
import { LogToolbar } from "./log-toolbar";
import { useLogSearch } from "./use-log-search";
import { useLogText } from "./use-log-text";

export interface LogViewerProps {
  /** The TaskLog URI (the BFF decides whether it may read it). */
  uri: string;
  /** The TaskLog name, shown as the title and used for the downloaded file's name. */
  name: string;
  /** Whether the task attempt is still running: enables following. */
  running: boolean;
  /** On its own page (/console/logs): taller, and no "Full page" link. */
  standalone?: boolean;
  /** The task attempt that wrote it, named on the full-page view this viewer links to. */
  owner?: LogOwner;
}

const SEARCH_DEBOUNCE_MS = 150;

export function LogViewer({ uri, name, running, standalone = false, owner }: LogViewerProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const anchor = useMemo(() => parseLineAnchor(searchParams.get(LINE_QUERY_KEY)), [searchParams]);
  const [selected, setSelected] = useState<LineRange | undefined>(anchor);
  const [follow, setFollow] = useState(running && !anchor);
  const [wrap, setWrap] = useState(false);
  const [input, setInput] = useState("");
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listRef = useRef<LogLinesHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const log = useLogText(uri, { follow, running });
  const search = useLogSearch(log.doc, query);
  const count = logLineCount(log.doc);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(input), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);
  // A new query starts at its first match.
  const [activeQuery, setActiveQuery] = useState(query);
  if (activeQuery !== query) {
    setActiveQuery(query);
    setActive(0);
  }

  const matches = search.matches;
  const activeIndex = matches.length === 0 ? -1 : Math.min(active, matches.length - 1);
  const activeMatch = activeIndex >= 0 ? matches[activeIndex] : undefined;

  const highlights = useMemo(() => {
    const byLine = new Map<number, LineHighlight[]>();
    matches.forEach((m, i) => {
      const list = byLine.get(m.line) ?? [];
      list.push({ start: m.start, end: m.end, kind: i === activeIndex ? "active" : "match" });
      byLine.set(m.line, list);
    });
    return byLine;
  }, [matches, activeIndex]);

  // Bring the active match into view when it changes (not each time more matches arrive).
  const activeLine = activeMatch?.line;
  useEffect(() => {
    if (activeLine !== undefined) listRef.current?.scrollToLine(activeLine + 1);
  }, [activeLine, activeIndex, query]);

  // A linked line (?line=120) is scrolled to once it has loaded.
  const scrolledToAnchor = useRef(false);
  useEffect(() => {
    if (!anchor || scrolledToAnchor.current || count < anchor.first) return;
    scrolledToAnchor.current = true;
    requestAnimationFrame(() => listRef.current?.scrollToLine(anchor.first));
  }, [anchor, count]);

  // Following: stay at the end as lines arrive; scrolling up stops following.
  useEffect(() => {
    if (!follow || !running || count === 0) return;
    const frame = requestAnimationFrame(() => listRef.current?.scrollToEnd());
    return () => cancelAnimationFrame(frame);
  }, [follow, running, count]);

  const onFollowChange = (next: boolean) => {
    setFollow(next);
    if (next) listRef.current?.scrollToEnd();
  };

  const onSelectLine = useCallback(
    (line: number, extend: boolean) => {
      setSelected((current) => {
        const range = selectLine(current, line, extend);
        window.history.replaceState(window.history.state, "", `${withBasePath(pathname)}${withLineAnchor(window.location.search, range)}`);
        return range;
      });
      setFollow(false);
    },
    [pathname],
  );
  const lineHref = useCallback(
    (line: number) => `${withBasePath(pathname)}${withLineAnchor(searchParams.toString(), { first: line, last: line })}`,
    [pathname, searchParams],
  );

  const step = (delta: number) => {
    if (matches.length === 0) return;
    setActive((activeIndex + delta + matches.length) % matches.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // The browser's find cannot see lines that are not rendered; ours can.
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "f") {
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    }
  };

  const state = log.loading ? "loading" : log.error && count === 0 ? "error" : "ready";
  return (
    <section
      data-testid="log-viewer"
      data-state={state}
      data-truncated={log.truncated ? "true" : undefined}
      aria-label={`Log: ${name}`}
      onKeyDown={onKeyDown}
      className="keep-light-palette flex flex-col rounded-md border border-slate-700 bg-slate-950 shadow-sm"
    >
      <LogToolbar
        ref={searchRef}
        name={name}
        query={input}
        onQueryChange={setInput}
        activeMatch={activeIndex}
        matchCount={matches.length}
        searching={!search.done || input !== query}
        capped={search.capped}
        onNext={() => step(1)}
        onPrevious={() => step(-1)}
        wrap={wrap}
        onWrapChange={setWrap}
        follow={follow}
        running={running}
        onFollowChange={onFollowChange}
        onDownload={() => downloadText(logDocumentText(log.doc), logFileName(name))}
        canDownload={count > 0}
        rawUri={uri}
        pageHref={standalone ? undefined : logPagePath(uri, name, owner)}
        sizeLabel={state === "ready" ? `${formatByteSize(log.bytes)} · ${count.toLocaleString()} lines` : undefined}
      />
      <LogNotice uri={uri} running={running} state={state} lineCount={count} error={log.error} truncated={log.truncated} maxBytes={log.maxBytes} totalBytes={log.totalBytes} onRetry={log.retry} />
      {state === "ready" && count > 0 ? (
        <LogLines
          ref={listRef}
          doc={log.doc}
          wrap={wrap}
          highlights={highlights}
          selected={selected}
          lineHref={lineHref}
          onSelectLine={onSelectLine}
          onUserScrollUp={() => setFollow(false)}
          heightClass={standalone ? "h-[calc(100vh-16rem)] min-h-80" : "h-[28rem]"}
        />
      ) : null}
    </section>
  );
}
