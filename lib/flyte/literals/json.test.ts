import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { literalMapToJson, stringifyJson } from "./json";
import { lit, prim } from "./literals.testutil";

describe("a whole inputs or outputs map as JSON", () => {
  it("names each value, keeps int64 exact and nests collections", () => {
    const map = create(LiteralMapSchema, {
      literals: {
        b: lit(prim({ stringValue: "flyte" })),
        a: lit(prim({ integer: "9007199254740993" })),
        xs: lit({ collection: { literals: [prim({ floatValue: 1.5 }), prim({ boolean: true })] } }),
      },
    });
    expect(stringifyJson(literalMapToJson(map), 0)).toBe('{"a":9007199254740993,"b":"flyte","xs":[1.5,true]}');
  });

  it("is an empty object for no values", () => {
    expect(stringifyJson(literalMapToJson(undefined), 0)).toBe("{}");
  });
});
