import { describe, expect, it } from "vitest";
import { parseAnsiLine, plainLogText } from "./ansi";
import { findLogMatches, highlightSpans, normalizeLogQuery } from "./search";

const lines = ["Starting task", "\x1b[31mERROR\x1b[0m: error in step 2", "done", "errorerror"];
const plain = (i: number) => plainLogText(lines[i] ?? "");

describe("findLogMatches", () => {
  it("finds every case-insensitive match in the visible text, not inside colour codes", () => {
    const needle = normalizeLogQuery("Error")!;
    expect(findLogMatches(plain, needle, 0, lines.length)).toEqual([
      { line: 1, start: 0, end: 5 },
      { line: 1, start: 7, end: 12 },
      { line: 3, start: 0, end: 5 },
      { line: 3, start: 5, end: 10 },
    ]);
    expect(findLogMatches(plain, normalizeLogQuery("31m")!, 0, lines.length)).toEqual([]);
  });

  it("searches a slice of lines and stops at the limit", () => {
    const needle = normalizeLogQuery("error")!;
    expect(findLogMatches(plain, needle, 2, 4).map((m) => m.line)).toEqual([3, 3]);
    expect(findLogMatches(plain, needle, 0, 4, 1)).toHaveLength(1);
  });

  it("an empty query matches nothing", () => {
    expect(normalizeLogQuery("")).toBeUndefined();
  });
});

describe("highlightSpans", () => {
  it("cuts coloured spans at match edges and marks the active match", () => {
    const spans = parseAnsiLine(lines[1]!);
    const out = highlightSpans(spans, [
      { start: 3, end: 9, kind: "active" },
      { start: 13, end: 15, kind: "match" },
    ]);
    expect(out.map((s) => [s.text, s.match ?? null, s.fgName ?? null])).toEqual([
      ["ERR", null, "red"],
      ["OR", "active", "red"],
      [": er", "active", null],
      ["ror ", null, null],
      ["in", "match", null],
      [" step 2", null, null],
    ]);
    expect(out.map((s) => s.text).join("")).toBe(plainLogText(lines[1]!));
  });
});
