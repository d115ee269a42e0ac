import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOG_HEADERS } from "@/lib/flyte/logs/protocol";
import { ObjectReadError, readThroughConsole } from "./dataproxy";

afterEach(() => vi.unstubAllGlobals());

function answer(res: Response) {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    urls.push(url);
    return res;
  });
  return urls;
}

describe("readThroughConsole", () => {
  it("reads a signed link through the console's allowlisted reader", async () => {
    const urls = answer(new Response(new Uint8Array([1, 2, 3]), { headers: { [LOG_HEADERS.maxBytes]: "100" } }));
    expect([...(await readThroughConsole("https://bucket.example/o.pb?sig=1"))]).toEqual([1, 2, 3]);
    expect(urls[0]).toBe(`/console/api/logs?${new URLSearchParams({ uri: "https://bucket.example/o.pb?sig=1" })}`);
  });

  it("refuses a cut-short object rather than decode part of it", async () => {
    answer(new Response("x", { headers: { [LOG_HEADERS.truncated]: "1", [LOG_HEADERS.maxBytes]: "1" } }));
    const err = await readThroughConsole("https://bucket.example/o.pb").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObjectReadError);
    expect((err as Error).message).toContain("larger than the 1 bytes the console reads");
  });

  it("passes on the reader's refusal with its words, and a signed-out answer as Unauthenticated", async () => {
    answer(Response.json({ error: "https://bucket.example is not an allowed log origin" }, { status: 403 }));
    const refused = await readThroughConsole("https://bucket.example/o.pb").catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, message: "https://bucket.example is not an allowed log origin", url: "https://bucket.example/o.pb" });
    answer(Response.json({ error: "Sign in to use the console" }, { status: 401 }));
    const signedOut = await readThroughConsole("https://bucket.example/o.pb").catch((e: unknown) => e);
    expect(ConnectError.from(signedOut).code).toBe(Code.Unauthenticated);
  });
});
