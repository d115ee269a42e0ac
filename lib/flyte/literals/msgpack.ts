// Minimal MessagePack decoder: flytekit ≥ 1.14 sends dataclasses, pydantic models and dicts as
// Binary literals tagged "msgpack"; decoding them lets the console show a struct, not a byte count.
import type { JsonLike } from "./json";

export function decodeMsgpack(bytes: Uint8Array): JsonLike | undefined {
  try {
    const reader = new Reader(bytes);
    const value = reader.read(0);
    return reader.pos === bytes.length ? value : undefined;
  } catch {
    return undefined;
  }
}

const MAX_DEPTH = 200;

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  read(depth: number): JsonLike {
    if (depth > MAX_DEPTH) throw new Error("too deep");
    const b = this.u8();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xf0) === 0x80) return this.map(b & 0x0f, depth);
    if ((b & 0xf0) === 0x90) return this.array(b & 0x0f, depth);
    if ((b & 0xe0) === 0xa0) return this.str(b & 0x1f);
    switch (b) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return this.bin(this.u8());
      case 0xc5: return this.bin(this.u16());
      case 0xc6: return this.bin(this.u32());
      case 0xca: return this.take(4, (o) => this.view.getFloat32(o));
      case 0xcb: return this.take(8, (o) => this.view.getFloat64(o));
      case 0xcc: return this.u8();
      case 0xcd: return this.u16();
      case 0xce: return this.u32();
      case 0xcf: return smallest(this.take(8, (o) => this.view.getBigUint64(o)));
      case 0xd0: return this.take(1, (o) => this.view.getInt8(o));
      case 0xd1: return this.take(2, (o) => this.view.getInt16(o));
      case 0xd2: return this.take(4, (o) => this.view.getInt32(o));
      case 0xd3: return smallest(this.take(8, (o) => this.view.getBigInt64(o)));
      case 0xd9: return this.str(this.u8());
      case 0xda: return this.str(this.u16());
      case 0xdb: return this.str(this.u32());
      case 0xdc: return this.array(this.u16(), depth);
      case 0xdd: return this.array(this.u32(), depth);
      case 0xde: return this.map(this.u16(), depth);
      case 0xdf: return this.map(this.u32(), depth);
      default: throw new Error(`unsupported msgpack byte 0x${b.toString(16)}`);
    }
  }

  private take<T>(n: number, get: (offset: number) => T): T {
    if (this.pos + n > this.bytes.length) throw new Error("truncated");
    const v = get(this.pos);
    this.pos += n;
    return v;
  }
  private u8 = () => this.take(1, (o) => this.view.getUint8(o));
  private u16 = () => this.take(2, (o) => this.view.getUint16(o));
  private u32 = () => this.take(4, (o) => this.view.getUint32(o));

  private str(n: number): string {
    return this.take(n, (o) => new TextDecoder("utf-8", { fatal: true }).decode(this.bytes.subarray(o, o + n)));
  }
  private bin(n: number): string {
    return this.take(n, () => `<${n} bytes>`);
  }
  private array(n: number, depth: number): JsonLike[] {
    const out: JsonLike[] = [];
    for (let i = 0; i < n; i++) out.push(this.read(depth + 1));
    return out;
  }
  private map(n: number, depth: number): { [key: string]: JsonLike } {
    const out: { [key: string]: JsonLike } = {};
    for (let i = 0; i < n; i++) {
      const key = this.read(depth + 1);
      Object.defineProperty(out, String(key), { value: this.read(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

function smallest(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
