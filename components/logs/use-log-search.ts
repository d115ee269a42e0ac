"use client";

// Searches the log in slices of lines between frames, so typing in the search box never freezes a
// tab that holds a 200k-line log; the count grows as slices finish.
import { useEffect, useState } from "react";
import { plainLogText } from "@/lib/flyte/logs/ansi";
import { logLineAt, logLineCount, type LogDocument } from "@/lib/flyte/logs/lines";
import { findLogMatches, MAX_LOG_MATCHES, normalizeLogQuery, type LogMatch } from "@/lib/flyte/logs/search";

const LINES_PER_SLICE = 20_000;

export interface LogSearchResult {
  matches: readonly LogMatch[];
  /** Every line has been searched. */
  done: boolean;
  /** The search stopped at MAX_LOG_MATCHES. */
  capped: boolean;
}

const none: LogSearchResult = { matches: [], done: true, capped: false };

export function useLogSearch(doc: LogDocument, query: string): LogSearchResult {
  const [result, setResult] = useState<LogSearchResult>(none);
  const cleared = !normalizeLogQuery(query);
  if (cleared && result !== none) setResult(none);

  useEffect(() => {
    const needle = normalizeLogQuery(query);
    if (!needle) return;
    const count = logLineCount(doc);
    const plain = (i: number) => plainLogText(logLineAt(doc, i));
    const found: LogMatch[] = [];
    let from = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      const to = Math.min(count, from + LINES_PER_SLICE);
      for (const m of findLogMatches(plain, needle, from, to, MAX_LOG_MATCHES - found.length)) found.push(m);
      from = to;
      const capped = found.length >= MAX_LOG_MATCHES;
      const done = from >= count || capped;
      setResult({ matches: found.slice(), done, capped });
      if (!done) timer = setTimeout(slice, 0);
    };
    slice();
    return () => clearTimeout(timer);
  }, [doc, query]);

  return cleared ? none : result;
}
