import { describe, expect, it } from "vitest";
import {
  appendLogText,
  emptyLogDocument,
  logDocumentFromText,
  logDocumentText,
  logLineAt,
  logLineCount,
  overwriteCarriageReturns,
} from "./lines";

describe("log lines", () => {
  it("splits on newlines, with CRLF files shown without the carriage return", () => {
    const doc = logDocumentFromText("one\r\ntwo\nthree\n");
    expect(doc.lines).toEqual(["one", "two", "three"]);
    expect(logLineCount(doc)).toBe(3);
  });

  it("shows only the last state of a progress bar redrawn with carriage returns", () => {
    expect(overwriteCarriageReturns("10%\r50%\r100% done")).toBe("100% done");
    expect(overwriteCarriageReturns("abc\r")).toBe("abc");
  });

  it("joins a line split across two chunks (a running task's log arriving in pieces)", () => {
    let doc = appendLogText(emptyLogDocument, "first\nsec");
    expect(logLineCount(doc)).toBe(2);
    expect(logLineAt(doc, 1)).toBe("sec");
    doc = appendLogText(doc, "ond\nthird\n");
    expect(doc.lines).toEqual(["first", "second", "third"]);
    expect(doc.tail).toBe("");
  });

  it("tracks the longest line for the unwrapped width", () => {
    expect(logDocumentFromText("a\nabcdef\nab").maxLineLength).toBe(6);
  });

  it("gives the text back for download", () => {
    expect(logDocumentText(logDocumentFromText("a\nb\n"))).toBe("a\nb\n");
    expect(logDocumentText(logDocumentFromText("a\nb"))).toBe("a\nb");
    expect(logDocumentText(emptyLogDocument)).toBe("");
  });

  it("splits a 10 MB, 200k-line log quickly", () => {
    const line = "\x1b[32m2024-05-01T12:00:00Z\x1b[0m INFO step 123456 processing a batch of records .....\n";
    const text = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const started = performance.now();
    const doc = logDocumentFromText(text);
    expect(logLineCount(doc)).toBeGreaterThan(100_000);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
