import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NodeExecutionGetDataResponseSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { isFetchableUrl, offloadedNodeData } from "./remote-data";

const str = { value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "stringValue", value: "x" } } } } } } as const;

describe("offloadedNodeData", () => {
  it("is the UrlBlob when FlyteAdmin left the data out", () => {
    const data = create(NodeExecutionGetDataResponseSchema, { outputs: { url: "https://bucket.s3.amazonaws.com/o.pb?X-Amz-Signature=1", bytes: 3_000_000n } });
    expect(offloadedNodeData(data, "outputs")).toEqual({ url: "https://bucket.s3.amazonaws.com/o.pb?X-Amz-Signature=1", bytes: 3_000_000n });
    expect(offloadedNodeData(data, "inputs")).toBeUndefined();
  });

  it("is nothing when the data came inline too (signed URLs on, small data) or the stored map is empty", () => {
    const inline = create(NodeExecutionGetDataResponseSchema, { fullOutputs: { literals: { o0: str } }, outputs: { url: "https://b/o.pb", bytes: 20n } });
    expect(offloadedNodeData(inline, "outputs")).toBeUndefined();
    const empty = create(NodeExecutionGetDataResponseSchema, { inputs: { url: "https://b/i.pb", bytes: 0n } });
    expect(offloadedNodeData(empty, "inputs")).toBeUndefined();
    expect(offloadedNodeData(undefined, "inputs")).toBeUndefined();
  });
});

describe("isFetchableUrl", () => {
  it("tells signed links from storage URIs", () => {
    expect(isFetchableUrl("https://bucket.s3.amazonaws.com/a")).toBe(true);
    expect(isFetchableUrl("http://127.0.0.1:8088/dataproxy/v1/x")).toBe(true);
    expect(isFetchableUrl("s3://bucket/a")).toBe(false);
    expect(isFetchableUrl("gs://bucket/a")).toBe(false);
  });
});
