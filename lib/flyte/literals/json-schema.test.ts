import { describe, expect, it } from "vitest";
import { exampleFromJsonSchema, isJsonSchema } from "./json-schema";

describe("exampleFromJsonSchema (the struct field's template)", () => {
  it("fills a dataclass schema with defaults or empty values, following $ref and Optional", () => {
    const schema = {
      $ref: "#/definitions/Datum",
      definitions: {
        Datum: {
          type: "object",
          properties: {
            x: { type: "integer" },
            y: { type: "string", default: "one" },
            z: { $ref: "#/definitions/Inner" },
            maybe: { anyOf: [{ type: "null" }, { type: "number" }] },
            tags: { type: "array", items: { type: "string" } },
            color: { enum: ["RED", "GREEN"] },
          },
        },
        Inner: { type: "object", properties: { a: { type: "boolean" } } },
      },
    };
    expect(isJsonSchema(schema)).toBe(true);
    expect(exampleFromJsonSchema(schema)).toEqual({ x: 0, y: "one", z: { a: false }, maybe: 0, tags: [], color: "RED" });
  });

  it("stops on a self-referencing schema", () => {
    const schema = { $ref: "#/$defs/Node", $defs: { Node: { type: "object", properties: { next: { $ref: "#/$defs/Node" } } } } };
    expect(JSON.stringify(exampleFromJsonSchema(schema)).length).toBeLessThan(200);
  });
});
