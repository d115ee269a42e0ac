// @vitest-environment jsdom
import { renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signInProblems } from "@/lib/query/sign-in";
import { FOLLOW_INTERVAL_MS, useLogText } from "./use-log-text";

afterEach(() => {
  vi.unstubAllGlobals();
  signInProblems.reset();
});

describe("useLogText", () => {
  it("stops following a running task's log once the console answers 401, and reports it for sign-in", async () => {
    const fetch = vi.fn(async () => Response.json({ error: "not signed in" }, { status: 401 }));
    vi.stubGlobal("fetch", fetch);
    const { result } = renderHook(() => useLogText("s3://logs/a.log", { follow: true, running: true }));
    await waitFor(() => expect(result.current.error?.status).toBe(401));
    await new Promise((r) => setTimeout(r, FOLLOW_INTERVAL_MS * 1.5));
    expect(fetch).toHaveBeenCalledTimes(1);
    // No sign-in URL in the answer (an auth proxy): the page says so instead of redirecting.
    expect(signInProblems.get()).toEqual({ kind: "notSignedIn", message: "not signed in" });
  });
});
