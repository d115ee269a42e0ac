import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { parseRunList } from "../urls";
import { compareOrder } from "./runs";

const exec = (name: string, seconds: number) => create(ExecutionSchema, { id: { name }, closure: { createdAt: { seconds: BigInt(seconds) } } });

describe("compareOrder", () => {
  it("puts the oldest picked run first, as the baseline", () => {
    expect(compareOrder(["new", "old", "mid"], [exec("old", 1), exec("new", 3), exec("mid", 2)])).toEqual(["old", "mid", "new"]);
  });

  it("keeps runs it knows nothing of after the others, in picking order", () => {
    expect(compareOrder(["x", "b", "y", "a"], [exec("a", 1), exec("b", 2)])).toEqual(["a", "b", "x", "y"]);
  });
});

describe("parseRunList", () => {
  it("reads a link's runs in order, each once, blanks dropped", () => {
    expect(parseRunList("a, b,,a,c")).toEqual(["a", "b", "c"]);
    expect(parseRunList(null)).toEqual([]);
  });
});
