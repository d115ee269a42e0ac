// Test helpers: types and literals written in proto3 JSON (the shape FlyteAdmin's REST API and
// flytekit's debug output use), so tests read like the data they stand for.
import fs from "node:fs";
import path from "node:path";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { LiteralSchema, type Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { LiteralTypeSchema, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";

export const lt = (json: JsonValue): LiteralType => fromJson(LiteralTypeSchema, json);
export const lit = (json: JsonValue): Literal => fromJson(LiteralSchema, json);

export const T = {
  int: { simple: "INTEGER" },
  float: { simple: "FLOAT" },
  str: { simple: "STRING" },
  bool: { simple: "BOOLEAN" },
  datetime: { simple: "DATETIME" },
  duration: { simple: "DURATION" },
  none: { simple: "NONE", structure: { tag: "none" } },
  struct: { simple: "STRUCT" },
  list: (of: JsonValue) => ({ collectionType: of }),
  map: (of: JsonValue) => ({ mapValueType: of }),
  union: (...variants: JsonValue[]) => ({ unionType: { variants } }),
  tagged: (type: { [k: string]: JsonValue }, tag: string) => ({ ...type, structure: { tag } }),
} as const;

export const prim = (p: { [k: string]: JsonValue }) => ({ scalar: { primitive: p } });
export const NONE = { scalar: { noneType: {} } };

export const fixturesDir = FLYTE_FIXTURES_DIR;

export function readFixture(rel: string): Buffer {
  return fs.readFileSync(path.join(fixturesDir, rel));
}
