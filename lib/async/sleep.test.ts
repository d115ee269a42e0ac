import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { sleep } from "./sleep";

describe("sleep", () => {
  it("leaves no abort listener behind, however often a loop sleeps on one signal", async () => {
    const abort = new AbortController();
    for (let i = 0; i < 25; i++) await sleep(1, abort.signal);
    expect(getEventListeners(abort.signal, "abort")).toHaveLength(0);
  });

  it("wakes at once when the signal aborts, and does not start on an aborted one", async () => {
    const abort = new AbortController();
    const started = Date.now();
    const pending = sleep(60_000, abort.signal);
    abort.abort();
    await pending;
    await sleep(60_000, abort.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
