import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { ExecutionListSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { DEFAULT_FILTERS } from "@/lib/flyte/dashboard/filter-state";
import { dashboardListRequest, encodeFirstPage, firstPageFor } from "./dashboard";

describe("the first page the server fetched", () => {
  const now = Date.UTC(2026, 0, 1);
  const page = create(ExecutionListSchema, { executions: [{ id: { project: "p", domain: "d", name: "run1" } }], token: "50" });

  it("is used for the same request and ignored for any other", () => {
    const request = dashboardListRequest("p", "d", DEFAULT_FILTERS, now);
    const first = encodeFirstPage(request, page, now);
    expect(firstPageFor(first, dashboardListRequest("p", "d", DEFAULT_FILTERS, now))?.executions[0].id?.name).toBe("run1");
    expect(firstPageFor(first, dashboardListRequest("p", "d", { ...DEFAULT_FILTERS, phases: ["FAILED"] }, now))).toBeUndefined();
    expect(firstPageFor(first, dashboardListRequest("p", "staging", DEFAULT_FILTERS, now))).toBeUndefined();
    expect(firstPageFor(undefined, request)).toBeUndefined();
  });

  it("survives a corrupt payload", () => {
    const request = dashboardListRequest("p", "d", DEFAULT_FILTERS, now);
    expect(firstPageFor({ ...encodeFirstPage(request, page, now), page: "!!!" }, request)).toBeUndefined();
  });
});
