// Line links: `?line=120` (or GitHub's spellings `L120`, `#L120`) selects one line, `120-130` a range.

export interface LineRange {
  /** 1-based, inclusive. */
  first: number;
  last: number;
}

export const LINE_QUERY_KEY = "line";

const ANCHOR = /^#?L?(\d{1,9})(?:-L?(\d{1,9}))?$/i;

export function parseLineAnchor(value: string | null | undefined): LineRange | undefined {
  const m = value ? ANCHOR.exec(value.trim()) : null;
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1) return undefined;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

export function formatLineAnchor(range: LineRange): string {
  return range.first === range.last ? String(range.first) : `${range.first}-${range.last}`;
}

export function lineInRange(line: number, range: LineRange | undefined): boolean {
  return range !== undefined && line >= range.first && line <= range.last;
}

/** The range after a click on `line`; a shift-click extends the current selection to it. */
export function selectLine(current: LineRange | undefined, line: number, extend: boolean): LineRange {
  if (!extend || !current) return { first: line, last: line };
  return { first: Math.min(current.first, line), last: Math.max(current.last, line) };
}

/** `search` with the line anchor set (or removed), every other parameter kept as it was. */
export function withLineAnchor(search: string | URLSearchParams, range: LineRange | undefined): string {
  const params = new URLSearchParams(search);
  if (range) params.set(LINE_QUERY_KEY, formatLineAnchor(range));
  else params.delete(LINE_QUERY_KEY);
  const query = params.toString();
  return query ? `?${query}` : "";
}
