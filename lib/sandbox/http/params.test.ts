import { describe, expect, it } from "vitest";
import { create, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { reflect } from "@bufbuild/protobuf/reflect";
import { ExecutionClosureSchema, ExecutionSpecSchema, ExecutionMetadata_ExecutionMode } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ResourceListRequestSchema, Sort_Direction } from "@/lib/gen/flyteidl/admin/common_pb";
import { PrimitiveSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { ParamError, parseGoDuration, parseRfc3339, populateFieldFromPath, populateQueryParameters } from "./params";

function fromQuery<D extends DescMessage>(schema: D, query: string, bound: string[][] = []): MessageShape<D> {
  const message = create(schema);
  populateQueryParameters(reflect(schema, message), new URLSearchParams(query), bound);
  return message;
}

describe("query parameters into a request, as grpc-gateway fills them", () => {
  it("fills nested fields by proto or JSON name", () => {
    const req = fromQuery(ResourceListRequestSchema, "id.project=p&id.domain=d&sort_by.key=created_at&sortBy.direction=ASCENDING&limit=7");
    expect(req.id).toMatchObject({ project: "p", domain: "d" });
    expect(req.sortBy).toMatchObject({ key: "created_at", direction: Sort_Direction.ASCENDING });
    expect(req.limit).toBe(7);
  });

  it("takes enums by name or by number and refuses unknown ones", () => {
    expect(fromQuery(ResourceListRequestSchema, "sort_by.direction=1").sortBy?.direction).toBe(Sort_Direction.ASCENDING);
    expect(() => fromQuery(ResourceListRequestSchema, "sort_by.direction=SIDEWAYS")).toThrow(ParamError);
    expect(() => fromQuery(ResourceListRequestSchema, "sort_by.direction=9")).toThrow(/not a valid value/);
  });

  it("appends repeated keys to repeated fields, and refuses two values for a singular one", () => {
    expect(fromQuery(ExecutionSpecSchema, "tags=a&tags=b&tags=c").tags).toEqual(["a", "b", "c"]);
    expect(() => fromQuery(ResourceListRequestSchema, "limit=1&limit=2")).toThrow(/too many values for field "limit"/);
  });

  it("fills maps with key[k]=v", () => {
    const spec = fromQuery(ExecutionSpecSchema, "labels.values[team]=ml&labels.values[env]=dev");
    expect(spec.labels?.values).toEqual({ team: "ml", env: "dev" });
  });

  it("parses Go's booleans, wrappers, integers and their ranges", () => {
    const spec = fromQuery(ExecutionSpecSchema, "overwrite_cache=T&interruptible=false&max_parallelism=-3&metadata.nesting=2&metadata.mode=RELAUNCH");
    expect(spec.overwriteCache).toBe(true);
    expect(spec.interruptible).toBe(false);
    expect(spec.maxParallelism).toBe(-3);
    expect(spec.metadata).toMatchObject({ nesting: 2, mode: ExecutionMetadata_ExecutionMode.RELAUNCH });
    expect(() => fromQuery(ExecutionSpecSchema, "overwrite_cache=yes")).toThrow(/boolean/);
    expect(() => fromQuery(ResourceListRequestSchema, "limit=-1")).toThrow(/integer/);
    expect(() => fromQuery(ResourceListRequestSchema, "limit=4294967296")).toThrow(/out of range/);
  });

  it("parses int64 as a bigint and a oneof member, refusing a second member of the same oneof", () => {
    expect(fromQuery(PrimitiveSchema, "integer=9007199254740993").value).toEqual({ case: "integer", value: 9007199254740993n });
    expect(() => fromQuery(PrimitiveSchema, "integer=1&string_value=x")).toThrow(/already set for oneof/);
  });

  it("parses timestamps (RFC 3339) and durations (Go syntax)", () => {
    const closure = fromQuery(ExecutionClosureSchema, "started_at=2024-03-05T10:00:00.5%2B01:00&duration=1h2m3.25s");
    expect(closure.startedAt).toMatchObject({ seconds: BigInt(Date.UTC(2024, 2, 5, 9) / 1000), nanos: 500_000_000 });
    expect(closure.duration).toMatchObject({ seconds: 3723n, nanos: 250_000_000 });
    expect(() => fromQuery(ExecutionClosureSchema, "started_at=yesterday")).toThrow(ParamError);
  });

  it("ignores unknown names and keys bound to the path", () => {
    const req = fromQuery(ResourceListRequestSchema, "nope=1&id.project=other&id.name=wf", [["id", "project"]]);
    expect(req.id).toMatchObject({ project: "", name: "wf" });
  });

  it("refuses a path through a scalar", () => {
    expect(() => fromQuery(ResourceListRequestSchema, "limit.x=1")).toThrow(/not a message/);
  });
});

describe("path variables", () => {
  it("set nested fields, creating the messages on the way", () => {
    const req = create(ResourceListRequestSchema);
    populateFieldFromPath(reflect(ResourceListRequestSchema, req), ["id", "project"], ["flytesnacks"]);
    expect(req.id?.project).toBe("flytesnacks");
  });
});

describe("Go syntax helpers", () => {
  it("parseGoDuration", () => {
    expect(parseGoDuration("0")).toBe(0n);
    expect(parseGoDuration("1.5s")).toBe(1_500_000_000n);
    expect(parseGoDuration("-300ms")).toBe(-300_000_000n);
    expect(parseGoDuration("2h45m")).toBe(9_900_000_000_000n);
    expect(() => parseGoDuration("10")).toThrow(ParamError);
    expect(() => parseGoDuration("1d")).toThrow(ParamError);
  });

  it("parseRfc3339", () => {
    expect(parseRfc3339("1970-01-01T00:00:01Z")).toEqual({ seconds: 1n, nanos: 0 });
    expect(parseRfc3339("2006-01-02T15:04:05.999999999-07:00").nanos).toBe(999_999_999);
    expect(() => parseRfc3339("2006-13-02T15:04:05Z")).toThrow(ParamError);
  });
});
