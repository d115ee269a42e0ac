"use client";

// The virtualised body of the viewer: only the lines in view (plus a few) exist in the DOM, so a
// 200k-line log scrolls like a 20-line one. Unwrapped rows have one fixed height; wrapped rows are
// measured as they render.
import { useVirtualizer } from "@tanstack/react-virtual";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { lineInRange, type LineRange } from "@/lib/flyte/logs/anchor";
import { logLineAt, logLineCount, type LogDocument } from "@/lib/flyte/logs/lines";
import type { LineHighlight } from "@/lib/flyte/logs/search";
import { LogLine, MAX_SHOWN_LINE_CHARS } from "./log-line";

const ROW_PX = 20;

export interface LogLinesHandle {
  /** Scrolls line `line` (1-based) into view. */
  scrollToLine(line: number, align?: "center" | "end" | "auto"): void;
  scrollToEnd(): void;
}

export interface LogLinesProps {
  doc: LogDocument;
  wrap: boolean;
  highlights: ReadonlyMap<number, LineHighlight[]>;
  selected: LineRange | undefined;
  lineHref: (line: number) => string;
  onSelectLine: (line: number, extend: boolean) => void;
  /** The reader scrolled up (wheel, touch, keys, scrollbar): following should stop. */
  onUserScrollUp?: () => void;
  heightClass: string;
}

export const LogLines = forwardRef<LogLinesHandle, LogLinesProps>(function LogLines(
  { doc, wrap, highlights, selected, lineHref, onSelectLine, onUserScrollUp, heightClass },
  ref,
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = logLineCount(doc);
  const gutterCh = Math.max(3, String(count).length);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 30,
  });

  // Switching wrap changes every row's height: forget the old measurements.
  useEffect(() => {
    virtualizer.measure();
  }, [wrap, virtualizer]);

  useImperativeHandle(
    ref,
    () => ({
      scrollToLine(line, align = "center") {
        virtualizer.scrollToIndex(Math.min(Math.max(line - 1, 0), count - 1), { align });
      },
      scrollToEnd() {
        if (count > 0) virtualizer.scrollToEnd();
      },
    }),
    [virtualizer, count],
  );

  // Unwrapped: the widest line sets the scroll width (ANSI codes make this an overestimate, never less).
  const widest = Math.min(doc.maxLineLength, MAX_SHOWN_LINE_CHARS + 80);
  const innerWidth = wrap ? "100%" : `max(100%, ${widest + gutterCh + 6}ch)`;
  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="log"
      onWheel={(event) => {
        if (event.deltaY < 0) onUserScrollUp?.();
      }}
      onTouchMove={() => onUserScrollUp?.()}
      onKeyDown={(event) => {
        if (["ArrowUp", "PageUp", "Home"].includes(event.key)) onUserScrollUp?.();
      }}
      onPointerDown={(event) => {
        // On the scrollbar itself (the rows are children, so the target is the container).
        if (event.target === event.currentTarget) onUserScrollUp?.();
      }}
      aria-label="Log lines"
      className={`${heightClass} overflow-auto rounded-b-md bg-slate-950 font-mono text-[12.5px] leading-5 text-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-500`}
      style={{ tabSize: 4 }}
    >
      <div style={{ height: virtualizer.getTotalSize(), width: innerWidth, position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = item.index + 1;
          return (
            <div
              key={item.key}
              data-testid="log-line"
              data-line={line}
              data-index={item.index}
              data-selected={lineInRange(line, selected) ? "true" : undefined}
              ref={wrap ? virtualizer.measureElement : undefined}
              className={wrap ? "whitespace-pre-wrap [overflow-wrap:anywhere]" : "whitespace-pre"}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                width: "100%",
                height: wrap ? undefined : ROW_PX,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <LogLine
                text={logLineAt(doc, item.index)}
                line={line}
                href={lineHref(line)}
                gutterCh={gutterCh}
                selected={lineInRange(line, selected)}
                highlights={highlights.get(item.index)}
                onSelect={onSelectLine}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
