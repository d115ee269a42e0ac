import { describe, expect, it } from "vitest";
import { lineInRange, parseLineAnchor, selectLine, withLineAnchor } from "./anchor";

describe("line anchors", () => {
  it("reads ?line=120 and GitHub's L120 / #L120 / L120-L130 forms", () => {
    expect(parseLineAnchor("120")).toEqual({ first: 120, last: 120 });
    expect(parseLineAnchor("L120")).toEqual({ first: 120, last: 120 });
    expect(parseLineAnchor("#L120")).toEqual({ first: 120, last: 120 });
    expect(parseLineAnchor("L130-L120")).toEqual({ first: 120, last: 130 });
  });

  it("ignores what is not a line", () => {
    for (const bad of [null, "", "0", "abc", "12x", "-3", "1-2-3"]) expect(parseLineAnchor(bad)).toBeUndefined();
  });

  it("a shift-click extends the selection", () => {
    expect(selectLine({ first: 5, last: 5 }, 9, true)).toEqual({ first: 5, last: 9 });
    expect(selectLine({ first: 5, last: 5 }, 9, false)).toEqual({ first: 9, last: 9 });
    expect(lineInRange(7, { first: 5, last: 9 })).toBe(true);
    expect(lineInRange(7, undefined)).toBe(false);
  });

  it("sets the anchor and keeps the other query parameters", () => {
    expect(withLineAnchor("?uri=http%3A%2F%2Fx&name=a", { first: 3, last: 3 })).toBe(
      "?uri=http%3A%2F%2Fx&name=a&line=3",
    );
    expect(withLineAnchor("?node=n1&line=3", undefined)).toBe("?node=n1");
  });
});
