import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { uniqueExecutions } from "./rows";

const e = (name: string) => create(ExecutionSchema, { id: { project: "p", domain: "d", name } });

describe("rows from pages", () => {
  it("shows a run once when a new run shifted the next page", () => {
    const rows = uniqueExecutions([{ executions: [e("c"), e("b")] }, { executions: [e("b"), e("a")] }]);
    expect(rows.map((r) => r.id?.name)).toEqual(["c", "b", "a"]);
  });
});
