import { describe, expect, it } from "vitest";
import { errorHeadline } from "./error-line";

describe("errorHeadline", () => {
  it("takes a traceback's exception line", () => {
    const message = ["Traceback (most recent call last):", '  File "wf.py", line 42, in t', "    raise RuntimeError()", "RuntimeError: simulated failure", ""].join("\n");
    expect(errorHeadline(message)).toEqual({ line: "RuntimeError: simulated failure", more: true });
  });

  it("skips flytekit's closing 'User error.' line", () => {
    const message = "Trace:\n\n    Traceback ...\nMessage:\n\n    ValueError: bad input\n\nUser error.";
    expect(errorHeadline(message).line).toBe("ValueError: bad input");
  });

  it("a one-line message is whole: nothing more to show", () => {
    expect(errorHeadline("task execution timeout [1s] expired")).toEqual({ line: "task execution timeout [1s] expired", more: false });
    expect(errorHeadline("")).toEqual({ line: "", more: false });
  });

  it("drops FlytePropeller's attempt lead from a one-line error (the whole message stays one click away)", () => {
    const message = "[4/4] currentAttempt done. Last Error: SYSTEM::Pod failed: container [primary] terminated with exit code (137). Reason [OOMKilled].";
    expect(errorHeadline(message)).toEqual({ line: "Pod failed: container [primary] terminated with exit code (137). Reason [OOMKilled].", more: true });
  });
});
