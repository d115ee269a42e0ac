import { describe, expect, it } from "vitest";
import { decodeMsgpack } from "./msgpack";

const b = (...bytes: number[]) => Uint8Array.from(bytes);

describe("decodeMsgpack", () => {
  it("decodes the shapes flytekit's dataclass encoding produces", () => {
    expect(decodeMsgpack(b(0xff))).toBe(-1);
    expect(decodeMsgpack(b(0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0))).toBe(1.5);
    expect(decodeMsgpack(b(0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0))).toBe(-(2n ** 63n));
    expect(decodeMsgpack(b(0xcf, 0, 0, 0, 0, 0, 0, 0, 7))).toBe(7);
    expect(decodeMsgpack(b(0xd9, 3, 0x61, 0x62, 0x63))).toBe("abc");
    expect(decodeMsgpack(b(0xc4, 2, 1, 2))).toBe("<2 bytes>");
    expect(decodeMsgpack(b(0x81, 0xa1, 0x6b, 0x90))).toEqual({ k: [] });
  });

  it("returns undefined rather than a wrong value for bytes that are not msgpack", () => {
    expect(decodeMsgpack(b(0x92, 0x01))).toBeUndefined(); // truncated array
    expect(decodeMsgpack(b(0x01, 0x02))).toBeUndefined(); // trailing bytes
    expect(decodeMsgpack(b(0xc1))).toBeUndefined(); // never used
    expect(decodeMsgpack(b(0xa2, 0xff, 0xfe))).toBeUndefined(); // invalid UTF-8
  });

  it("keeps a key named __proto__ as data", () => {
    const v = decodeMsgpack(b(0x81, 0xa9, ...Buffer.from("__proto__"), 0x01)) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
});
