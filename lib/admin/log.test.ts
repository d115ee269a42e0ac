import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { createLogger, errorFields, readLogLevel } from "./log";

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (s: string) => void lines.push(s) } };
}

describe("log", () => {
  it("writes one JSON object a line, with the level's name and an ISO time", () => {
    const out = capture();
    const logger = createLogger({ level: "info", destination: out.destination });
    logger.info({ route: "/healthz" }, "hello");
    logger.debug("not at info");
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0].endsWith("\n")).toBe(true);
    const line = JSON.parse(out.lines[0]);
    expect(line).toMatchObject({ level: "info", name: "flyte-console", route: "/healthz", msg: "hello" });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it("adds the request id to what is logged within a request, and not outside it", async () => {
    const out = capture();
    const scope = new AsyncLocalStorage<{ reqId: string }>();
    const logger = createLogger({ level: "info", destination: out.destination, scope });
    await scope.run({ reqId: "req-1" }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info("inside");
      scope.exit(() => logger.info("shared work"));
    });
    logger.info("outside");
    const lines = out.lines.map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
      ["inside", "req-1"],
      ["shared work", undefined],
      ["outside", undefined],
    ]);
  });

  it("redacts credentials should headers ever be logged", () => {
    const out = capture();
    const logger = createLogger({ level: "info", destination: out.destination });
    logger.info({ headers: { authorization: "Bearer secret-1", cookie: "flyte_at=secret-2", "set-cookie": "a=secret-3" } }, "h");
    logger.info({ req: { headers: { authorization: "Bearer secret-4", cookie: "flyte_at=secret-5" } } }, "r");
    logger.info({ authorization: "Bearer secret-6", cookie: "secret-7" }, "top");
    expect(out.lines.join("")).not.toContain("secret");
    expect(JSON.parse(out.lines[0]).headers.authorization).toBe("[redacted]");
  });

  it("reads FLYTE_CONSOLE_LOG_LEVEL, info when unset or unknown", () => {
    expect(readLogLevel({})).toBe("info");
    expect(readLogLevel({ FLYTE_CONSOLE_LOG_LEVEL: "DEBUG" })).toBe("debug");
    expect(readLogLevel({ FLYTE_CONSOLE_LOG_LEVEL: "silent" })).toBe("silent");
    expect(readLogLevel({ FLYTE_CONSOLE_LOG_LEVEL: "loud" })).toBe("info");
  });

  it("keeps an error's name, message and stack only", () => {
    const err = Object.assign(new Error("boom"), { metadata: { authorization: "Bearer x" } });
    expect(Object.keys(errorFields(err))).toEqual(["type", "message", "stack"]);
    expect(errorFields("plain")).toEqual({ type: "string", message: "plain" });
  });
});
