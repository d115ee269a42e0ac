import { describe, expect, it } from "vitest";
import { decodeMsgpack } from "./msgpack";

const b = (...bytes: number[]) => Uint8Array.from(bytes);

describe("decodeMsgpack", () => {
  it("decodes the shapes flytekit's dataclass encoding produces", () => {
    expect(decodeMsgpack(b(0xff))).toBe(-1);
    expect(decodeMsgpack(b(0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0))).toBe(1.5);
    expect(decodeMsgpack(b(0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0))).toBe(-(2n ** 63n));
    expect(decodeMsgpack(b(0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))).toBe(2n ** 64n - 1n);
    expect(decodeMsgpack(b(0xcf, 0, 0, 0, 0, 0, 0, 0, 7))).toBe(7);
    expect(decodeMsgpack(b(0xd9, 3, 0x61, 0x62, 0x63))).toBe("abc");
    expect(decodeMsgpack(b(0xc4, 2, 1, 2))).toBe("<2 bytes>");
    expect(decodeMsgpack(b(0x81, 0xa1, 0x6b, 0x90))).toEqual({ k: [] });
    expect(decodeMsgpack(b(0x81, 0x01, 0xa1, 0x76))).toEqual({ "1": "v" });
  });

  it("shows extension types as a timestamp or a byte count", () => {
    expect(decodeMsgpack(b(0xd6, 0xff, 0, 0, 0, 60))).toBe("1970-01-01T00:01:00.000Z");
    expect(decodeMsgpack(b(0xd5, 0x07, 1, 2))).toBe("<extension 7, 2 bytes>");
  });

  it("returns undefined rather than a wrong value for bytes that are not msgpack", () => {
    expect(decodeMsgpack(b(0x92, 0x01))).toBeUndefined(); // truncated array
    expect(decodeMsgpack(b(0x01, 0x02))).toBeUndefined(); // trailing bytes
    expect(decodeMsgpack(b(0xc1))).toBeUndefined(); // never used
    expect(decodeMsgpack(b(...new Array(1000).fill(0x91), 0x01))).toBeUndefined(); // nested past any real value
    expect(decodeMsgpack(b(...new Array(100).fill(0x91), 0x01))).toBeDefined();
  });

  it("never lets a key named __proto__ change a prototype: such a map is not decoded", () => {
    expect(decodeMsgpack(b(0x81, 0xa9, ...Buffer.from("__proto__"), 0x01))).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
