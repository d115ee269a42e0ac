import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { LiteralTypeSchema, SimpleType } from "@/lib/gen/flyteidl/core/types_pb";
import { signalPrefill } from "./signal-prefill";

type TypeInit = MessageInitShape<typeof LiteralTypeSchema>;
const simple = (value: SimpleType): TypeInit => ({ type: { case: "simple", value } });
const type = (init: TypeInit) => create(LiteralTypeSchema, init);

describe("signalPrefill", () => {
  it("fills a string from JSON or from plain text, numbers included", () => {
    expect(signalPrefill(type(simple(SimpleType.STRING)), '"Weekly report"')).toEqual({ ok: true, value: { kind: "string", text: "Weekly report" } });
    expect(signalPrefill(type(simple(SimpleType.STRING)), "Weekly report")).toEqual({ ok: true, value: { kind: "string", text: "Weekly report" } });
    expect(signalPrefill(type(simple(SimpleType.STRING)), "42")).toEqual({ ok: true, value: { kind: "string", text: "42" } });
  });

  it("fills booleans, integers and floats, and refuses what does not fit", () => {
    expect(signalPrefill(type(simple(SimpleType.BOOLEAN)), "true")).toEqual({ ok: true, value: { kind: "boolean", value: true } });
    expect(signalPrefill(type(simple(SimpleType.INTEGER)), "12")).toEqual({ ok: true, value: { kind: "integer", text: "12" } });
    expect(signalPrefill(type(simple(SimpleType.FLOAT)), "0.5")).toEqual({ ok: true, value: { kind: "float", text: "0.5" } });
    const bad = signalPrefill(type(simple(SimpleType.BOOLEAN)), "maybe");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain("does not fit");
  });

  it("fills lists, maps and structs from JSON", () => {
    expect(signalPrefill(type({ type: { case: "collectionType", value: simple(SimpleType.INTEGER) } }), "[1, 2]")).toEqual({
      ok: true,
      value: { kind: "list", items: [{ kind: "integer", text: "1" }, { kind: "integer", text: "2" }] },
    });
    expect(signalPrefill(type({ type: { case: "mapValueType", value: simple(SimpleType.STRING) } }), '{"a":"x"}')).toEqual({
      ok: true,
      value: { kind: "map", entries: [{ key: "a", value: { kind: "string", text: "x" } }] },
    });
    const s = signalPrefill(type(simple(SimpleType.STRUCT)), '{"k":1}');
    expect(s.ok && s.value.kind === "struct" && JSON.parse(s.value.text)).toEqual({ k: 1 });
  });

  it("picks the union variant the value fits, and None for null", () => {
    const optionalInt = type({ type: { case: "unionType", value: { variants: [simple(SimpleType.INTEGER), simple(SimpleType.NONE)] } } });
    expect(signalPrefill(optionalInt, "null")).toEqual({ ok: true, value: { kind: "union", variant: 1, value: { kind: "none" } } });
    expect(signalPrefill(optionalInt, "7")).toEqual({ ok: true, value: { kind: "union", variant: 0, value: { kind: "integer", text: "7" } } });
    expect(signalPrefill(optionalInt, "[1]").ok).toBe(false);
  });
});
