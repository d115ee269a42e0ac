// @vitest-environment jsdom
// The log reader against the BFF's `GET /api/logs` played by MSW: what it shows for the answers the
// route gives (chunks with offsets, a capped log, errors, a dropped connection, a slow answer).
import { cleanup, renderHook, waitFor } from "@testing-library/react";
import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOG_HEADERS } from "@/lib/flyte/logs/protocol";
import { signInProblems } from "@/lib/query/sign-in";
import { FOLLOW_INTERVAL_MS, useLogText } from "./use-log-text";

const LOGS = "*/console/api/logs";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  signInProblems.reset();
});
afterAll(() => server.close());

describe("useLogText", () => {
  it("asks again from the next offset while the route says the chunk is partial, and appends", async () => {
    const asked: string[] = [];
    server.use(
      http.get(LOGS, ({ request }) => {
        const offset = new URL(request.url).searchParams.get("offset") ?? "0";
        asked.push(offset);
        return offset === "0"
          ? new HttpResponse("first\nsec", { headers: { [LOG_HEADERS.nextOffset]: "9", [LOG_HEADERS.partial]: "1" } })
          : new HttpResponse("ond\n", { headers: { [LOG_HEADERS.offset]: "9", [LOG_HEADERS.nextOffset]: "13" } });
      }),
    );
    const { result } = renderHook(() => useLogText("s3://logs/a.log", { follow: false, running: false }));
    await waitFor(() => expect(result.current.bytes).toBe(13));
    expect(asked).toEqual(["0", "9"]);
    expect(result.current.doc.lines).toEqual(["first", "second"]);
    expect(result.current).toMatchObject({ loading: false, truncated: false, error: undefined });
  });

  it("says the log is capped when the route marks it truncated, and stops asking", async () => {
    server.use(
      http.get(LOGS, () =>
        new HttpResponse("a\n", {
          headers: { [LOG_HEADERS.truncated]: "1", [LOG_HEADERS.maxBytes]: "2", [LOG_HEADERS.totalBytes]: "5000" },
        }),
      ),
    );
    const { result } = renderHook(() => useLogText("s3://logs/big.log", { follow: true, running: true }));
    await waitFor(() => expect(result.current.truncated).toBe(true));
    expect(result.current).toMatchObject({ maxBytes: 2, totalBytes: 5000 });
  });

  it("shows the route's error message, or the status when a proxy answered without one", async () => {
    server.use(http.get(LOGS, () => HttpResponse.json({ error: "this log's host is not allowed" }, { status: 403 })));
    const denied = renderHook(() => useLogText("s3://logs/a.log", { follow: false, running: false }));
    await waitFor(() => expect(denied.result.current.error).toEqual({ status: 403, message: "this log's host is not allowed" }));

    server.use(http.get(LOGS, () => new HttpResponse("<html>Bad gateway</html>", { status: 502 })));
    const proxied = renderHook(() => useLogText("s3://logs/b.log", { follow: false, running: false }));
    await waitFor(() =>
      expect(proxied.result.current.error).toEqual({ status: 502, message: "The console could not read this log (HTTP 502)." }),
    );
  });

  it("says the console did not answer when the connection drops", async () => {
    server.use(http.get(LOGS, () => HttpResponse.error()));
    const { result } = renderHook(() => useLogText("s3://logs/a.log", { follow: false, running: false }));
    await waitFor(() => expect(result.current.error?.status).toBe(0));
    expect(result.current.error?.message).toMatch(/^The console did not answer/);
  });

  it("stays loading while a slow answer is on its way", async () => {
    server.use(
      http.get(LOGS, async () => {
        await delay(300);
        return new HttpResponse("late\n");
      }),
    );
    const { result } = renderHook(() => useLogText("s3://logs/a.log", { follow: false, running: false }));
    await delay(100);
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.doc.lines[0]).toBe("late"));
    expect(result.current.loading).toBe(false);
  });

  it("stops following a running task's log once the console answers 401, and reports it for sign-in", async () => {
    let calls = 0;
    server.use(
      http.get(LOGS, () => {
        calls++;
        return HttpResponse.json({ error: "not signed in" }, { status: 401 });
      }),
    );
    const { result } = renderHook(() => useLogText("s3://logs/a.log", { follow: true, running: true }));
    await waitFor(() => expect(result.current.error?.status).toBe(401));
    await delay(FOLLOW_INTERVAL_MS * 1.5);
    expect(calls).toBe(1);
    // No sign-in URL in the answer (an auth proxy): the page says so instead of redirecting.
    expect(signInProblems.get()).toEqual({ kind: "notSignedIn", message: "not signed in" });
  });
});
