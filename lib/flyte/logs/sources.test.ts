import { describe, expect, it } from "vitest";
import { checkLogUri, parseLogSources } from "./sources";
import { formatByteSize } from "./size";
import { LOG_HEADERS, logApiUrl, logOwnerFrom, logPagePath, readLogChunkInfo } from "./protocol";

const { sources } = parseLogSources("http://127.0.0.1:8088/logs/, https://Logs.Example.com, https://cw.example.org/stream");

describe("log allowlist", () => {
  it("parses origins and origin+path entries, reporting bad ones", () => {
    expect(sources).toEqual([
      { origin: "http://127.0.0.1:8088", pathPrefix: "/logs/" },
      { origin: "https://logs.example.com", pathPrefix: "/" },
      { origin: "https://cw.example.org", pathPrefix: "/stream" },
    ]);
    expect(parseLogSources("ftp://x, not a url, https://u:p@x.com, https://ok.com").invalid).toEqual([
      "ftp://x",
      "not a url",
      "https://u:p@x.com",
    ]);
  });

  it("allows URIs under an allowed origin and path", () => {
    expect(checkLogUri("http://127.0.0.1:8088/logs/p/d/e/n0/0", sources).ok).toBe(true);
    expect(checkLogUri("https://logs.example.com:443/anything?x=1", sources).ok).toBe(true);
    expect(checkLogUri("https://cw.example.org/stream/abc", sources).ok).toBe(true);
  });

  it("refuses other origins, ports, schemes and paths: never an open proxy", () => {
    const refused = [
      "http://127.0.0.1:8089/logs/p/d/e/n0/0",
      "http://localhost:8088/logs/x",
      "https://127.0.0.1:8088/logs/x",
      "http://127.0.0.1:8088/_sandbox/faults",
      "http://127.0.0.1:8088/logs/../_sandbox/faults",
      "http://127.0.0.1:8088/logs/%2e%2e/api/v1/projects",
      "https://cw.example.org/streamer",
      "https://logs.example.com.evil.io/x",
      "https://user:pw@logs.example.com/x",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "/relative/path",
    ];
    for (const uri of refused) expect(checkLogUri(uri, sources).ok, uri).toBe(false);
    const verdict = checkLogUri("http://169.254.169.254/latest/meta-data", sources);
    expect(verdict).toEqual({ ok: false, reason: "http://169.254.169.254 is not an allowed log origin" });
  });
});

describe("log protocol helpers", () => {
  it("reads the chunk headers", () => {
    const headers = new Headers({ [LOG_HEADERS.offset]: "100", [LOG_HEADERS.nextOffset]: "150", [LOG_HEADERS.truncated]: "1" });
    expect(readLogChunkInfo(headers, 50)).toMatchObject({ offset: 100, nextOffset: 150, truncated: true, partial: false });
    expect(readLogChunkInfo(new Headers(), 7)).toMatchObject({ offset: 0, nextOffset: 7, truncated: false });
  });

  it("builds the API and page URLs", () => {
    expect(logApiUrl("http://h/l?a=1", 10)).toBe("/console/api/logs?uri=http%3A%2F%2Fh%2Fl%3Fa%3D1&offset=10");
    expect(logPagePath("http://h/l", "Sandbox log")).toBe("/console/logs?uri=http%3A%2F%2Fh%2Fl&name=Sandbox+log");
  });

  it("names whose log a page shows, and reads it back", () => {
    const owner = { project: "flytesnacks", domain: "development", execution: "abc", nodeId: "n0-0-n1", attempt: 2 };
    const path = logPagePath("http://h/l", "log", owner);
    expect(path).toBe("/console/logs?uri=http%3A%2F%2Fh%2Fl&name=log&project=flytesnacks&domain=development&execution=abc&node=n0-0-n1&attempt=2");
    expect(logOwnerFrom(new URL(path, "http://x").searchParams)).toEqual(owner);
    const noAttempt = { project: "flytesnacks", domain: "development", execution: "abc", nodeId: "n0-0-n1" };
    expect(logOwnerFrom(new URLSearchParams({ ...noAttempt, node: "n0-0-n1", attempt: "x" }))).toEqual(noAttempt);
    // An older link, or one that names only part of it: no owner rather than a wrong one.
    expect(logOwnerFrom(new URLSearchParams({ uri: "http://h/l" }))).toBeUndefined();
    expect(logOwnerFrom(new URLSearchParams({ project: "p", domain: "d", execution: "e" }))).toBeUndefined();
  });

  it("formats sizes", () => {
    expect(formatByteSize(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatByteSize(1536)).toBe("1.5 KB");
    expect(formatByteSize(12)).toBe("12 B");
  });
});
