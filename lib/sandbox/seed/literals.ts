// Small builders for the literals seed data carries (history inputs and outputs).
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { LiteralMapSchema, LiteralSchema, type Literal, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";

type PrimitiveValue =
  | { case: "integer"; value: bigint }
  | { case: "floatValue"; value: number }
  | { case: "stringValue"; value: string }
  | { case: "boolean"; value: boolean }
  | { case: "datetime"; value: ReturnType<typeof timestampFromMs> };

function primitive(value: PrimitiveValue): Literal {
  return create(LiteralSchema, { value: { case: "scalar", value: { value: { case: "primitive", value: { value } } } } });
}

export const lit = {
  int: (n: number | bigint) => primitive({ case: "integer", value: BigInt(n) }),
  float: (n: number) => primitive({ case: "floatValue", value: n }),
  str: (s: string) => primitive({ case: "stringValue", value: s }),
  bool: (b: boolean) => primitive({ case: "boolean", value: b }),
  datetime: (ms: number) => primitive({ case: "datetime", value: timestampFromMs(ms) }),
  list: (items: Literal[]) => create(LiteralSchema, { value: { case: "collection", value: { literals: items } } }),
};

export function literalMap(values: Record<string, Literal>): LiteralMap {
  return create(LiteralMapSchema, { literals: values });
}
