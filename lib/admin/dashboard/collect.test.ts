import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { ExecutionListSchema, ExecutionSchema, type ExecutionList } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { WorkflowExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { DAY_MS, namedStats } from "@/lib/flyte/dashboard/stats";
import type { Upstream } from "../upstream";
import { scanFilters, scanStats, type StatsRequest } from "./collect";

const FROM = Date.parse("2024-05-08T00:00:00Z");
const req: StatsRequest = {
  project: "flytesnacks",
  domain: "development",
  filters: "eq(workflow.name,wf)+eq(state,0)",
  window: { fromMs: FROM, toMs: FROM + 3 * DAY_MS, bucketMs: DAY_MS },
};

/** A fake FlyteAdmin holding `n` executions, newest first, one every hour, alternating phases. */
function fakeAdmin(n: number) {
  const calls: ResourceListRequest[] = [];
  const all = Array.from({ length: n }, (_, i) =>
    create(ExecutionSchema, {
      id: { project: "flytesnacks", domain: "development", name: `e${i}` },
      closure: { phase: i % 3 === 0 ? P.FAILED : P.SUCCEEDED, createdAt: timestampFromMs(FROM + 3 * DAY_MS - (i + 1) * 3_600_000) },
    }),
  );
  const up = {
    config: { deadlineMs: 1000 },
    admin: {
      async listExecutions(r: ResourceListRequest): Promise<ExecutionList> {
        calls.push(r);
        const offset = Number(r.token || 0);
        const executions = all.slice(offset, offset + r.limit);
        const next = offset + r.limit < all.length ? String(offset + r.limit) : "";
        return create(ExecutionListSchema, { executions, token: next });
      },
    },
  } as unknown as Pick<Upstream, "admin" | "config">;
  return { up, calls };
}

describe("the dashboard's stats scan", () => {
  it("adds the window to the caller's filters", () => {
    expect(scanFilters(req)).toBe(
      "eq(workflow.name,wf)+eq(state,0)+gte(created_at,2024-05-08T00:00:00.000Z)+lt(created_at,2024-05-11T00:00:00.000Z)",
    );
  });

  it("pages through every execution of the window and counts them by day and phase", async () => {
    const { up, calls } = fakeAdmin(72);
    const stats = namedStats(await scanStats(up, new Headers(), req, undefined, 20_000));
    expect(calls.length).toBe(1);
    expect(calls[0].sortBy?.key).toBe("created_at");
    expect(stats.scanned).toBe(72);
    expect(stats.truncated).toBe(false);
    expect(stats.buckets.map((b) => (b.counts.FAILED ?? 0) + (b.counts.SUCCEEDED ?? 0))).toEqual([24, 24, 24]);
    expect(stats.totals).toEqual({ FAILED: 24, SUCCEEDED: 48 });
  });

  it("stops at its cap and says how far back the counts are complete", async () => {
    const { up, calls } = fakeAdmin(1200);
    const stats = namedStats(await scanStats(up, new Headers(), req, undefined, 1000));
    expect(calls.map((c) => c.limit)).toEqual([500, 500]);
    expect(stats.scanned).toBe(1000);
    expect(stats.truncated).toBe(true);
    expect(stats.coveredFromMs).toBe(FROM + 3 * DAY_MS - 1000 * 3_600_000);
  });
});
