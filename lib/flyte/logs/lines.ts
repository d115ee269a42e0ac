// A log as lines, built from chunks that arrive while a task runs. A chunk may end mid-line: that
// unfinished line is kept raw in `tail` until its newline arrives.

export interface LogDocument {
  /** Finished lines, carriage returns applied, ANSI codes kept. */
  readonly lines: readonly string[];
  /** The last line when no newline ended it yet (raw). */
  readonly tail: string;
  /** Length of the longest line in characters (ANSI codes included), for the unwrapped view's width. */
  readonly maxLineLength: number;
}

export const emptyLogDocument: LogDocument = { lines: [], tail: "", maxLineLength: 0 };

/**
 * What a terminal shows for one line: a trailing "\r" (CRLF files) is dropped, and text before a bare
 * "\r" is overwritten by what follows it (progress bars), so only the last segment remains.
 */
export function overwriteCarriageReturns(line: string): string {
  const trimmed = line.endsWith("\r") ? line.replace(/\r+$/, "") : line;
  const cr = trimmed.lastIndexOf("\r");
  return cr < 0 ? trimmed : trimmed.slice(cr + 1);
}

/** Adds a chunk of text (already decoded) to the end of the document. */
export function appendLogText(doc: LogDocument, chunk: string): LogDocument {
  if (chunk === "") return doc;
  const pieces = (doc.tail + chunk).split("\n");
  const tail = pieces.pop() ?? "";
  if (pieces.length === 0) return { ...doc, tail };
  let maxLineLength = doc.maxLineLength;
  const finished = pieces.map((piece) => {
    const line = overwriteCarriageReturns(piece);
    if (line.length > maxLineLength) maxLineLength = line.length;
    return line;
  });
  return { lines: doc.lines.concat(finished), tail, maxLineLength: Math.max(maxLineLength, tail.length) };
}

/** A whole text at once. */
export function logDocumentFromText(text: string): LogDocument {
  return appendLogText(emptyLogDocument, text);
}

/** Number of lines a person sees (the unfinished tail counts as one). */
export function logLineCount(doc: LogDocument): number {
  return doc.lines.length + (doc.tail === "" ? 0 : 1);
}

/** Line `index` (0-based) as shown. */
export function logLineAt(doc: LogDocument, index: number): string {
  if (index < doc.lines.length) return doc.lines[index] ?? "";
  return index === doc.lines.length ? overwriteCarriageReturns(doc.tail) : "";
}

/** The document as text again (for download): carriage-return overwrites applied, ANSI codes kept. */
export function logDocumentText(doc: LogDocument): string {
  const body = doc.lines.join("\n");
  if (doc.tail !== "") return doc.lines.length > 0 ? `${body}\n${doc.tail}` : doc.tail;
  return doc.lines.length > 0 ? `${body}\n` : "";
}
