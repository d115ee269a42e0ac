import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LOG_HEADERS } from "@/lib/flyte/logs/protocol";
import { parseAllowedHosts } from "@/lib/hosts/allowed-hosts";
import { readCredentialSettings } from "./config";
import { fetchLog, handleLogRequest, readLogProxyConfig, type LogProxyConfig } from "./logs";
import { metrics } from "./metrics";

const BIG = "0123456789".repeat(300); // 3000 bytes

function serveRange(req: IncomingMessage, res: ServerResponse, text: string) {
  const body = Buffer.from(text);
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
  if (!m) {
    res.writeHead(200, { "content-length": body.length }).end(body);
    return;
  }
  const start = Number(m[1]);
  const last = Math.min(m[2] ? Number(m[2]) : body.length - 1, body.length - 1);
  if (start >= body.length) {
    res.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
    return;
  }
  res.writeHead(206, { "content-range": `bytes ${start}-${last}/${body.length}` }).end(body.subarray(start, last + 1));
}

let server: Server;
let origin: string;
let otherOrigin: string;
let other: Server;
const pending: ServerResponse[] = [];

function handler(req: IncomingMessage, res: ServerResponse) {
  const path = req.url ?? "/";
  if (path === "/logs/small") return serveRange(req, res, "line1\nline2\n");
  if (path === "/logs/big") return serveRange(req, res, BIG);
  if (path === "/logs/norange") return void res.writeHead(200).end(BIG);
  if (path === "/logs/ansi") return void res.writeHead(200).end("\x1b[31m<script>alert(1)</script>\x1b[0m\n");
  if (path === "/logs/redirect-in") return void res.writeHead(302, { location: "/logs/small" }).end();
  if (path === "/logs/redirect-out") return void res.writeHead(302, { location: `${otherOrigin}/logs/small` }).end();
  if (path === "/logs/redirect-private") return void res.writeHead(302, { location: "/private" }).end();
  if (path === "/logs/missing") return void res.writeHead(404).end("no such log");
  if (path === "/logs/refused") return void res.writeHead(400).end("expected /logs/:project/:domain/:execution/:nodeId/:attempt");
  if (path === "/logs/error") return void res.writeHead(500).end("boom");
  if (path === "/logs/slow-headers") return void pending.push(res);
  if (path === "/logs/streaming") {
    res.writeHead(200);
    res.write("started\n");
    pending.push(res);
    return;
  }
  if (path === "/logs/headers") return void res.writeHead(200).end(JSON.stringify(req.headers));
  if (path === "/private") return void res.writeHead(200).end("secret");
  res.writeHead(404).end();
}

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  server = createServer(handler);
  other = createServer((_req, res) => res.writeHead(200).end("from another origin"));
  origin = await listen(server);
  otherOrigin = await listen(other);
});

afterAll(async () => {
  for (const res of pending) res.destroy();
  await Promise.all([server, other].map((s) => new Promise((resolve) => s.close(resolve))));
});

function config(overrides: Partial<LogProxyConfig> = {}): LogProxyConfig {
  return {
    sources: [{ origin, pathPrefix: "/logs/" }],
    invalidSources: [],
    maxBytes: 1000,
    headersTimeoutMs: 500,
    bodyTimeoutMs: 2000,
    idleTimeoutMs: 300,
    forwardAuthOrigins: [],
    authCookie: "flyte_at",
    allowedHosts: parseAllowedHosts("console", "FLYTE_CONSOLE_ALLOWED_HOSTS"),
    ...overrides,
  };
}

const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe("readLogProxyConfig", () => {
  it("allows the sandbox's log paths and signed links only when the console runs the sandbox", () => {
    const sandbox = readLogProxyConfig({ FLYTE_CONSOLE_BACKEND: "sandbox", FLYTE_SANDBOX_HTTP_PORT: "18088" });
    expect(sandbox.sources).toEqual([
      { origin: "http://127.0.0.1:18088", pathPrefix: "/logs/" },
      { origin: "http://127.0.0.1:18088", pathPrefix: "/dataproxy/v1/" },
    ]);
    expect(readLogProxyConfig({ FLYTE_SANDBOX_HTTP_PORT: "18088" }).sources).toEqual([]);
  });

  it("reads the allowlist and the size cap (10 MB by default)", () => {
    const c = readLogProxyConfig({ FLYTE_CONSOLE_LOG_ORIGINS: "https://logs.example.com, nonsense", FLYTE_CONSOLE_LOG_MAX_BYTES: "5000" });
    expect(c.sources).toEqual([{ origin: "https://logs.example.com", pathPrefix: "/" }]);
    expect(c.invalidSources).toEqual(["nonsense"]);
    expect(c.maxBytes).toBe(5000);
    expect(readLogProxyConfig({}).maxBytes).toBe(10 * 1024 * 1024);
  });
});

describe("fetchLog", () => {
  it("reads a small log whole", async () => {
    const r = await fetchLog({ uri: `${origin}/logs/small`, offset: 0 }, config());
    expect(r.ok && text(r.body)).toBe("line1\nline2\n");
    expect(r.ok && r.truncated).toBe(false);
  });

  it("counts the bytes it read in the metrics", async () => {
    const bytesRead = async () => (await metrics().logBytesRead.get()).values[0]?.value ?? 0;
    const before = await bytesRead();
    const r = await fetchLog({ uri: `${origin}/logs/small`, offset: 0 }, config());
    expect(r.ok).toBe(true);
    expect(await bytesRead()).toBe(before + "line1\nline2\n".length);
  });

  it("stops at the size cap and says the log was truncated", async () => {
    for (const path of ["/logs/big", "/logs/norange"]) {
      const r = await fetchLog({ uri: `${origin}${path}`, offset: 0 }, config());
      if (!r.ok) throw new Error(r.message);
      expect(r.body.length, path).toBe(1000);
      expect(r.truncated, path).toBe(true);
    }
    const past = await fetchLog({ uri: `${origin}/logs/big`, offset: 1000 }, config());
    expect(past.ok && past.body.length).toBe(0);
    expect(past.ok && past.truncated).toBe(true);
  });

  it("reads from an offset, with or without Range support upstream", async () => {
    for (const path of ["/logs/big", "/logs/norange"]) {
      const r = await fetchLog({ uri: `${origin}${path}`, offset: 995, limit: 3 }, config());
      expect(r.ok && text(r.body), path).toBe("567");
      expect(r.ok && r.truncated, path).toBe(false);
    }
    const none = await fetchLog({ uri: `${origin}/logs/small`, offset: 12 }, config());
    expect(none.ok && none.body.length).toBe(0);
  });

  it("refuses URIs outside the allowlist with 403 and never contacts them", async () => {
    for (const uri of [`${origin}/private`, `${otherOrigin}/logs/small`, `${origin}/logs/../private`, "file:///etc/passwd"]) {
      const r = await fetchLog({ uri, offset: 0 }, config(), new Headers(), () => {
        throw new Error(`fetched ${uri}`);
      });
      expect(r.ok ? 200 : r.status, uri).toBe(403);
    }
  });

  it("follows redirects only to allowed URIs", async () => {
    const inside = await fetchLog({ uri: `${origin}/logs/redirect-in`, offset: 0 }, config());
    expect(inside.ok && text(inside.body)).toBe("line1\nline2\n");
    for (const path of ["/logs/redirect-out", "/logs/redirect-private"]) {
      const r = await fetchLog({ uri: `${origin}${path}`, offset: 0 }, config());
      expect(r.ok ? "ok" : `${r.status} ${r.message}`, path).toMatch(/^502 .*redirected elsewhere/);
    }
  });

  it("turns upstream failures into clear errors", async () => {
    const missing = await fetchLog({ uri: `${origin}/logs/missing`, offset: 0 }, config());
    expect(missing).toMatchObject({ ok: false, status: 404 });
    const broken = await fetchLog({ uri: `${origin}/logs/error`, offset: 0 }, config());
    expect(broken).toEqual({ ok: false, status: 502, message: "The log server answered 500: boom." });
    const slow = await fetchLog({ uri: `${origin}/logs/slow-headers`, offset: 0 }, config());
    expect(slow).toMatchObject({ ok: false, status: 504 });
    const closed = createServer();
    const deadOrigin = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const down = await fetchLog({ uri: `${deadOrigin}/logs/x`, offset: 0 }, config({ sources: [{ origin: deadOrigin, pathPrefix: "/logs/" }] }));
    expect(down.ok ? "ok" : down.message).toBe(`Could not reach the log server at ${deadOrigin} (ECONNREFUSED).`);
  });

  it("returns what a still-streaming log has sent so far, marked partial", async () => {
    const r = await fetchLog({ uri: `${origin}/logs/streaming`, offset: 0 }, config());
    expect(r.ok && text(r.body)).toBe("started\n");
    expect(r.ok && r.partial).toBe(true);
  });

  it("forwards no browser credentials, and the bearer token only to configured origins", async () => {
    const incoming = new Headers({ cookie: "flyte_at=tok; session=s", authorization: "Bearer user" });
    // What handleLogRequest hands on: the headers credentialsFor chose.
    const plain = await fetchLog({ uri: `${origin}/logs/headers`, offset: 0 }, config(), incoming);
    const sent = JSON.parse(plain.ok ? text(plain.body) : "{}") as Record<string, string>;
    expect(sent.cookie).toBeUndefined();
    expect(sent.authorization).toBeUndefined();
    const withAuth = await fetchLog({ uri: `${origin}/logs/headers`, offset: 0 }, config({ forwardAuthOrigins: [origin] }), incoming);
    expect((JSON.parse(withAuth.ok ? text(withAuth.body) : "{}") as Record<string, string>).authorization).toBe("Bearer user");
  });
});

describe("handleLogRequest", () => {
  const get = (query: string) => handleLogRequest(new Request(`http://console/api/logs${query}`), config());

  it("serves the text with offsets and the cap in headers, as text a browser never runs", async () => {
    const res = await get(`?uri=${encodeURIComponent(`${origin}/logs/ansi`)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(await res.text()).toBe("\x1b[31m<script>alert(1)</script>\x1b[0m\n");
    expect(res.headers.get(LOG_HEADERS.nextOffset)).toBe(String(Buffer.byteLength("\x1b[31m<script>alert(1)</script>\x1b[0m\n")));
    expect(res.headers.get(LOG_HEADERS.truncated)).toBeNull();

    const big = await get(`?uri=${encodeURIComponent(`${origin}/logs/big`)}`);
    expect(big.headers.get(LOG_HEADERS.truncated)).toBe("1");
    expect(big.headers.get(LOG_HEADERS.maxBytes)).toBe("1000");
    expect(big.headers.get(LOG_HEADERS.totalBytes)).toBe("3000");
  });

  it("serves an object as a sandboxed page with as=html: scripts may run, but never in the console's origin", async () => {
    const res = await get(`?uri=${encodeURIComponent(`${origin}/logs/ansi`)}&as=html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/(^|;)\s*sandbox allow-scripts\s*(;|$)/);
    expect(csp).not.toContain("allow-same-origin");
    expect(csp).not.toContain("allow-top-navigation");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(await res.text()).toContain("<script>alert(1)</script>");
    const other = await get(`?uri=${encodeURIComponent(`${origin}/logs/ansi`)}&as=pdf`);
    expect(other.status).toBe(400);
    const refused = await get(`?uri=${encodeURIComponent("https://evil.example/deck.html")}&as=html`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers JSON errors: 400 for bad parameters, 403 for other origins", async () => {
    const bad = await get(`?uri=${encodeURIComponent(`${origin}/logs/small`)}&offset=-1`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "offset must be an integer ≥ 0" });
    const empty = await get("?uri=");
    expect(empty.status).toBe(400);
    const refused = await get(`?uri=${encodeURIComponent("http://169.254.169.254/latest/meta-data")}`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain("not an allowed log origin");
  });

  it("with sign-in on, answers 401 with the sign-in URL and reads nothing for a request without a session", async () => {
    const signedOut = config(readCredentialSettings({ FLYTE_CONSOLE_COOKIE_HASH_KEY: "a".repeat(86), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: "b".repeat(43) }));
    const fetchImpl = vi.fn(fetch);
    const res = await handleLogRequest(new Request(`http://console/api/logs?uri=${encodeURIComponent(`${origin}/logs/small`)}`), signedOut, fetchImpl);
    expect(res.status).toBe(401);
    expect(res.headers.get("x-flyte-sign-in-url")).toBe("/login");
    expect(await res.json()).toEqual({ error: "Sign in to use the console" });
    expect(fetchImpl).not.toHaveBeenCalled();
    // An auth proxy's Authorization header still reads the log.
    const proxied = await handleLogRequest(
      new Request(`http://console/api/logs?uri=${encodeURIComponent(`${origin}/logs/small`)}`, { headers: { authorization: "Bearer p" } }),
      signedOut,
      fetchImpl,
    );
    expect(proxied.status).toBe(200);
  });

  it("refuses a foreign Host (DNS rebinding) with 403 naming FLYTE_CONSOLE_ALLOWED_HOSTS, and reads nothing", async () => {
    const fetchImpl = vi.fn(fetch);
    const uri = encodeURIComponent(`${origin}/logs/small`);
    for (const headers of [{ host: "evil.example" }, { "x-forwarded-host": "evil.example" }] as Record<string, string>[]) {
      const res = await handleLogRequest(new Request(`http://console/api/logs?uri=${uri}`, { headers }), config(), fetchImpl);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/host "evil.example" .*FLYTE_CONSOLE_ALLOWED_HOSTS/);
    }
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it("answers a log server's refusal of the URI (a 4xx) as the client's error, 400 with its words, not as a 502", async () => {
    const res = await get(`?uri=${encodeURIComponent(`${origin}/logs/refused`)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("The log server refused this URI (400: expected /logs/:project/:domain/:execution/:nodeId/:attempt).");
    expect((await get(`?uri=${encodeURIComponent(`${origin}/logs/error`)}`)).status).toBe(502);
  });

  it("tells the browser which URIs it reads inline", async () => {
    const res = await get("");
    expect(await res.json()).toEqual({ sources: [{ origin, pathPrefix: "/logs/" }], maxBytes: 1000 });
  });
});
