import { describe, expect, it } from "vitest";
import { parseAnsiLine, plainLogText } from "./ansi";

const ESC = "\x1b";

describe("parseAnsiLine", () => {
  it("turns colour codes into coloured spans and drops the codes from the text", () => {
    const spans = parseAnsiLine(`${ESC}[31mERROR${ESC}[0m disk ${ESC}[1;32mok${ESC}[0m`);
    expect(spans.map((s) => s.text)).toEqual(["ERROR", " disk ", "ok"]);
    expect(spans[0]).toMatchObject({ fgName: "red", fg: "#f14c4c" });
    expect(spans[1]?.fg).toBeUndefined();
    expect(spans[2]).toMatchObject({ fgName: "green", bold: true });
  });

  it("reads bright, 256-colour, true-colour and background codes", () => {
    const spans = parseAnsiLine(`${ESC}[91ma${ESC}[38;5;208mb${ESC}[38;2;10;20;30mc${ESC}[0;44md`);
    expect(spans.map((s) => [s.text, s.fgName, s.fg])).toEqual([
      ["a", "bright-red", "#ff6b6b"],
      ["b", "palette-208", "rgb(255, 135, 0)"],
      ["c", "rgb", "rgb(10, 20, 30)"],
      ["d", undefined, undefined],
    ]);
    expect(spans[3]?.bg).toBe("#3b8eea");
  });

  it("keeps HTML as text: a <script> line is one plain span", () => {
    const line = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    expect(parseAnsiLine(line)).toEqual([{ text: line }]);
    expect(parseAnsiLine(`${ESC}[33m${line}`)[0]?.text).toBe(line);
  });

  it("drops escape sequences a viewer cannot show (cursor moves, hyperlinks, titles, bells)", () => {
    const line = `${ESC}[2K${ESC}[1A${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}]0;title\x07done\x07${ESC}[?25l`;
    expect(plainLogText(line)).toBe("link done");
    expect(parseAnsiLine(line).map((s) => s.text).join("")).toBe("link done");
  });

  it("keeps tabs and leaves an empty line empty", () => {
    expect(parseAnsiLine("a\tb")).toEqual([{ text: "a\tb" }]);
    expect(parseAnsiLine("")).toEqual([]);
    expect(parseAnsiLine(`${ESC}[0m`)).toEqual([]);
  });

  it("spans always join to the plain text, so search offsets line up with what is drawn", () => {
    const samples = [
      `${ESC}[31mred${ESC}[m plain`,
      `${ESC}[1;4;38;5;82mx${ESC}[22;24my`,
      `half ${ESC}[`,
      `${ESC}[12 more text`,
      `${ESC}(Bcharset${ESC}7saved`,
      `${ESC}[38:2::1:2:3mcolon form${ESC}[0m`,
      `a\x00b\x08c${ESC}`,
      `${ESC}[7mreversed${ESC}[27m`,
    ];
    for (const line of samples) {
      expect(parseAnsiLine(line).map((s) => s.text).join(""), JSON.stringify(line)).toBe(plainLogText(line));
    }
  });
});
