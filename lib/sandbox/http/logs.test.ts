import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { FaultState } from "../faults";
import {
  HUGE_LOG_BYTES,
  parseTaskLogPath,
  taskLogLines,
  taskLogOutcome,
  taskLogText,
  taskLogUri,
  type TaskLogParams,
} from "./logs";
import { createSandboxHttpServer, type SandboxHttpServer } from "./server";

const attempt: TaskLogParams = { project: "flytesnacks", domain: "development", execution: "f1a2b3", nodeId: "n0", attempt: 0 };
const ANSI = /\x1b\[[0-9;]*m/;

describe("the log generator", () => {
  it("is deterministic for an attempt and differs between attempts", () => {
    expect(taskLogText(attempt)).toBe(taskLogText({ ...attempt }));
    expect(taskLogText({ ...attempt, attempt: 1 })).not.toBe(taskLogText(attempt));
    expect(taskLogText({ ...attempt, nodeId: "n1" })).not.toBe(taskLogText(attempt));
    expect(taskLogText({ ...attempt, index: 3 })).not.toBe(taskLogText(attempt));
  });

  it("writes timestamped flytekit lines with ANSI-coloured levels", () => {
    const lines = taskLogText(attempt).split("\n").filter(Boolean);
    expect(lines.some((l) => l.includes("\x1b[32mINFO"))).toBe(true);
    expect(lines.filter((l) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} /.test(l)).length).toBeGreaterThan(lines.length / 2);
    expect(lines.some((l) => !ANSI.test(l))).toBe(true);
    expect(taskLogText(attempt)).toContain("pyflyte-execute --inputs s3://");
    const failed = taskLogText({ ...attempt, phase: TaskExecution_Phase.FAILED });
    const stamps = failed.split("\n").map((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/.exec(l)?.[0]).filter(Boolean);
    expect(stamps).toEqual([...stamps].sort());
  });

  it("ends a failed attempt with a red error and a Python traceback", () => {
    const failed = taskLogText({ ...attempt, phase: TaskExecution_Phase.FAILED });
    expect(failed).toContain("Traceback (most recent call last):");
    expect(failed).toMatch(/\x1b\[1;31mERROR.*\x1b\[31mException when executing task/);
    const ok = taskLogText({ ...attempt, phase: TaskExecution_Phase.SUCCEEDED });
    expect(ok).not.toContain("Traceback");
    expect(ok).toContain("Engine folder written successfully");
  });

  it("shows a running attempt's log without an ending", () => {
    const running = taskLogText({ ...attempt, phase: TaskExecution_Phase.RUNNING });
    const done = taskLogText({ ...attempt, phase: TaskExecution_Phase.SUCCEEDED });
    expect(running.length).toBeLessThan(done.length);
    expect(running).not.toContain("Engine folder written successfully");
  });

  it("picks some failures on its own when no phase is given, and lengths that vary widely", () => {
    const attempts = Array.from({ length: 200 }, (_, i) => ({ ...attempt, nodeId: `n${i}` }));
    const failed = attempts.filter((a) => taskLogOutcome(a) === "failed").length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(80);
    const lengths = attempts.slice(0, 60).map((a) => [...taskLogLines(a)].length);
    expect(Math.min(...lengths)).toBeLessThan(100);
    expect(Math.max(...lengths)).toBeGreaterThan(1000);
  });
});

describe("the log path", () => {
  it("round-trips through taskLogUri and parseTaskLogPath, odd characters included", () => {
    const params = { ...attempt, nodeId: "n0-0-dn1/x y", attempt: 2, phase: TaskExecution_Phase.RETRYABLE_FAILED, index: 4 };
    const url = new URL(taskLogUri("http://127.0.0.1:8088/", params));
    expect(url.pathname).toBe("/logs/flytesnacks/development/f1a2b3/n0-0-dn1%2Fx%20y/2");
    expect(parseTaskLogPath(url.pathname, url.searchParams)).toEqual(params);
  });

  it("refuses a bad attempt or phase", () => {
    const q = new URLSearchParams();
    expect(parseTaskLogPath("/logs/p/d/e/n0/x", q)).toHaveProperty("error");
    expect(parseTaskLogPath("/logs/p/d/e/n0", q)).toHaveProperty("error");
    expect(parseTaskLogPath("/logs/p/d/e/n0/0", new URLSearchParams("phase=EXPLODED"))).toHaveProperty("error");
  });
});

describe("GET /logs/... over HTTP", () => {
  let sandbox: SandboxHttpServer;
  let base: string;
  beforeAll(async () => {
    sandbox = createSandboxHttpServer({ routes: () => {}, faults: new FaultState(), port: 0 });
    base = (await sandbox.listen()).url;
  });
  afterAll(() => sandbox.close());

  it("serves the generated text as UTF-8 plain text, and HEAD gives its length", async () => {
    const url = taskLogUri(base, { ...attempt, phase: TaskExecution_Phase.FAILED });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    expect(text).toBe(taskLogText({ ...attempt, phase: TaskExecution_Phase.FAILED }));
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    expect(await head.text()).toBe("");
  });

  it("answers 400 for a malformed log path", async () => {
    expect((await fetch(`${base}/logs/p/d/e/n0/first`)).status).toBe(400);
  });

  it("streams a ~50 MB log for a huge-log node, exactly as long as announced", async () => {
    const url = taskLogUri(base, { ...attempt, nodeId: "n3-huge-log", phase: TaskExecution_Phase.SUCCEEDED });
    const head = await fetch(url, { method: "HEAD" });
    expect(Number(head.headers.get("content-length"))).toBe(HUGE_LOG_BYTES);
    const res = await fetch(url);
    const reader = res.body!.getReader();
    let total = 0;
    let chunks = 0;
    let last = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      chunks++;
      last = Buffer.from(value.subarray(Math.max(0, value.byteLength - 200))).toString("utf8");
    }
    expect(total).toBe(HUGE_LOG_BYTES);
    expect(chunks).toBeGreaterThan(10);
    expect(last).toContain("Engine folder written successfully");
  });

  it("lets a client stop reading a huge log early (a size cap)", async () => {
    const res = await fetch(taskLogUri(base, { ...attempt, nodeId: "huge-log" }));
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(value!.byteLength).toBeGreaterThan(0);
    await reader.cancel();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
