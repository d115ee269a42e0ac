// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logDocumentText } from "@/lib/flyte/logs/lines";
import { useLogText } from "./use-log-text";

afterEach(() => vi.unstubAllGlobals());

const textOf = (uri: string) => `${uri.split("/").pop()} line\n`;

describe("useLogText, another log", () => {
  it("shows nothing of the last log while the next one loads, and reading the first again does not repeat it", async () => {
    const pending: Array<() => void> = [];
    const fetch = vi.fn(
      (url: string) =>
        new Promise<Response>((resolve) => {
          const uri = new URL(url, "http://console").searchParams.get("uri") ?? "";
          pending.push(() => resolve(new Response(textOf(uri))));
        }),
    );
    vi.stubGlobal("fetch", fetch);
    const { result, rerender } = renderHook(({ uri }) => useLogText(uri, { follow: false, running: false }), { initialProps: { uri: "s3://logs/a.log" } });
    pending.shift()!();
    await waitFor(() => expect(logDocumentText(result.current.doc)).toBe("a.log line\n"));

    rerender({ uri: "s3://logs/b.log" });
    expect(logDocumentText(result.current.doc)).toBe("");
    expect(result.current.loading).toBe(true);

    rerender({ uri: "s3://logs/a.log" });
    await waitFor(() => expect(pending.length).toBeGreaterThan(0));
    await act(async () => {
      for (const answer of pending.splice(0)) answer();
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(logDocumentText(result.current.doc)).toBe("a.log line\n");
  });
});
