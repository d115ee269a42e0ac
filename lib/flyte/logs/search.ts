// Search in a log: case-insensitive substring matches on the text a person sees (ANSI codes removed),
// found in slices of lines so a caller can spread a 200k-line search over several frames.
import type { LogSpan } from "./ansi";

export interface LogMatch {
  /** 0-based line index. */
  line: number;
  /** Offsets in the line's plain text. */
  start: number;
  end: number;
}

/** Past this many matches the search stops: nobody steps through more, and memory stays bounded. */
export const MAX_LOG_MATCHES = 10_000;

/** Prepared query; `undefined` for a query that matches nothing useful (empty). */
export function normalizeLogQuery(query: string): string | undefined {
  return query === "" ? undefined : query.toLowerCase();
}

/**
 * Matches of `needle` (from `normalizeLogQuery`) in lines [from, to), at most `limit`.
 * `plainLine(i)` returns line i without ANSI codes.
 */
export function findLogMatches(
  plainLine: (index: number) => string,
  needle: string,
  from: number,
  to: number,
  limit = MAX_LOG_MATCHES,
): LogMatch[] {
  const out: LogMatch[] = [];
  if (needle === "" || limit <= 0) return out;
  for (let line = from; line < to; line++) {
    const text = plainLine(line);
    if (text.length < needle.length) continue;
    const haystack = text.toLowerCase();
    // toLowerCase can change lengths (e.g. "İ"); then offsets would drift, so fall back to exact case.
    const hay = haystack.length === text.length ? haystack : text;
    let at = hay.indexOf(needle);
    while (at >= 0) {
      out.push({ line, start: at, end: at + needle.length });
      if (out.length >= limit) return out;
      at = hay.indexOf(needle, at + Math.max(1, needle.length));
    }
  }
  return out;
}

export type MatchKind = "match" | "active";

export interface HighlightedSpan extends LogSpan {
  match?: MatchKind;
}

export interface LineHighlight {
  start: number;
  end: number;
  kind: MatchKind;
}

/** Cuts spans at highlight boundaries so each piece is either inside one highlight or outside all. */
export function highlightSpans(spans: readonly LogSpan[], highlights: readonly LineHighlight[]): HighlightedSpan[] {
  if (highlights.length === 0) return spans as HighlightedSpan[];
  const sorted = [...highlights].sort((a, b) => a.start - b.start);
  const out: HighlightedSpan[] = [];
  let offset = 0;
  let h = 0;
  for (const span of spans) {
    const spanEnd = offset + span.text.length;
    let cursor = offset;
    while (cursor < spanEnd) {
      while (h < sorted.length && (sorted[h]?.end ?? 0) <= cursor) h++;
      const next = sorted[h];
      if (!next || next.start >= spanEnd) {
        out.push({ ...span, text: span.text.slice(cursor - offset) });
        cursor = spanEnd;
      } else if (next.start > cursor) {
        out.push({ ...span, text: span.text.slice(cursor - offset, next.start - offset) });
        cursor = next.start;
      } else {
        const end = Math.min(next.end, spanEnd);
        out.push({ ...span, text: span.text.slice(cursor - offset, end - offset), match: next.kind });
        cursor = end;
      }
    }
    offset = spanEnd;
  }
  return out;
}
