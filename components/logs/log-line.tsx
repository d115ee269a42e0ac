"use client";

// One log line: its number (a link to `?line=N`) and its text as coloured spans. Text only — the
// line is parsed into spans when it scrolls into view and each span is a React text node.
import { memo, useMemo, type CSSProperties, type MouseEvent } from "react";
import { parseAnsiLine, type LogSpan } from "@/lib/flyte/logs/ansi";
import { highlightSpans, type LineHighlight } from "@/lib/flyte/logs/search";

function spanStyle(span: LogSpan): CSSProperties | undefined {
  if (!span.fg && !span.bg && !span.bold && !span.dim && !span.italic && !span.underline && !span.strikethrough) {
    return undefined;
  }
  const decorations = [span.underline ? "underline" : "", span.strikethrough ? "line-through" : ""].filter(Boolean);
  return {
    color: span.fg,
    backgroundColor: span.bg,
    fontWeight: span.bold ? 600 : undefined,
    opacity: span.dim ? 0.7 : undefined,
    fontStyle: span.italic ? "italic" : undefined,
    textDecoration: decorations.length > 0 ? decorations.join(" ") : undefined,
  };
}

/** Longer lines are cut for display (a multi-megabyte minified line would stall layout); download has all. */
export const MAX_SHOWN_LINE_CHARS = 20_000;

export interface LogLineProps {
  text: string;
  /** 1-based. */
  line: number;
  href: string;
  gutterCh: number;
  selected: boolean;
  highlights: readonly LineHighlight[] | undefined;
  onSelect: (line: number, extend: boolean) => void;
}

export const LogLine = memo(function LogLine({ text, line, href, gutterCh, selected, highlights, onSelect }: LogLineProps) {
  const cut = text.length > MAX_SHOWN_LINE_CHARS;
  const spans = useMemo(() => parseAnsiLine(cut ? text.slice(0, MAX_SHOWN_LINE_CHARS) : text), [text, cut]);
  const pieces = useMemo(() => highlightSpans(spans, highlights ?? []), [spans, highlights]);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.button !== 0) return; // let "open in new tab" work
    event.preventDefault();
    onSelect(line, event.shiftKey);
  };
  return (
    <div className={`flex ${selected ? "bg-amber-300/15" : "hover:bg-white/5"}`}>
      <a
        href={href}
        onClick={onClick}
        aria-label={`Line ${line}`}
        aria-current={selected ? "location" : undefined}
        style={{ width: `${gutterCh + 2}ch` }}
        className={`sticky left-0 shrink-0 select-none pr-3 text-right tabular-nums ${
          selected ? "bg-[#2a2618] text-amber-200" : "bg-slate-950 text-slate-500 hover:text-slate-200"
        }`}
      >
        {line}
      </a>
      <span className="min-w-0 flex-1 pr-4">
        {pieces.map((piece, i) =>
          piece.match ? (
            <mark
              key={i}
              data-match={piece.match}
              className={piece.match === "active" ? "rounded-sm bg-orange-400 text-black" : "rounded-sm bg-yellow-200 text-black"}
            >
              {piece.text}
            </mark>
          ) : (
            <span key={i} style={spanStyle(piece)} data-fg={piece.fgName}>
              {piece.text}
            </span>
          ),
        )}
        {cut ? (
          <span className="ml-2 select-none text-xs italic text-slate-500">
            … {(text.length - MAX_SHOWN_LINE_CHARS).toLocaleString()} more characters (download the log to see them)
          </span>
        ) : null}
      </span>
    </div>
  );
});
