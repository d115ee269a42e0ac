// Server-only: gorilla/securecookie's cookie format, as FlyteAdmin uses it for its browser session
// (flyteadmin/auth/cookie.go: securecookie.New(hashKey, blockKey) with the library's defaults, a Go
// string as the value). Byte-compatible both ways; lib/admin/session/oracle checks it against Go.
//
// Sealed form: base64url( "<unix seconds>|" + base64url(iv ‖ AES-CTR(gob(value))) + "|" + mac ),
// mac = HMAC-SHA256(hashKey, "<name>|<unix seconds>|<base64url(…)>"). Both base64 layers are the
// URL alphabet with padding (Go's base64.URLEncoding).
import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface CookieKeys {
  /** HMAC-SHA256 key. */
  hashKey: Uint8Array;
  /** AES key (16, 24 or 32 bytes); without one the value is signed but not encrypted, as in gorilla. */
  blockKey?: Uint8Array;
}

/** gorilla's defaults, which FlyteAdmin does not change. */
export const DEFAULT_MAX_AGE_SEC = 86400 * 30;
export const DEFAULT_MAX_LENGTH = 4096;

export interface OpenOptions {
  /** The current time in Unix seconds (default: now). */
  nowSec?: number;
  /** Older cookies are refused; 0: no limit (gorilla's MaxAge, default 30 days). */
  maxAgeSec?: number;
  /** Cookies younger than this are refused; 0: no limit (gorilla's MinAge, default 0). */
  minAgeSec?: number;
  /** Longer cookie values are refused; 0: no limit (gorilla's MaxLength, default 4096). */
  maxLength?: number;
}

export interface SealOptions {
  nowSec?: number;
  maxLength?: number;
}

export type SecureCookieErrorCode =
  | "bad-key"
  | "too-long"
  | "bad-base64"
  | "bad-mac"
  | "bad-timestamp"
  | "too-new"
  | "expired"
  | "decrypt-failed"
  | "not-a-string";

/** Why a cookie could not be sealed or opened. Names the cookie, never its value nor any key. */
export class SecureCookieError extends Error {
  override readonly name = "SecureCookieError";
  constructor(
    readonly code: SecureCookieErrorCode,
    readonly cookieName: string,
    readonly detail: string,
  ) {
    super(`cookie ${JSON.stringify(cookieName)}: ${detail}`);
  }
}

const BLOCK_SIZE = 16;
const PIPE = 0x7c;

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function cipherName(name: string, blockKey: Uint8Array): string {
  if (blockKey.length !== 16 && blockKey.length !== 24 && blockKey.length !== 32) {
    throw new SecureCookieError("bad-key", name, `the block key is ${blockKey.length} bytes; AES takes 16, 24 or 32`);
  }
  return `aes-${blockKey.length * 8}-ctr`;
}

function checkHashKey(name: string, keys: CookieKeys) {
  if (keys.hashKey.length === 0) throw new SecureCookieError("bad-key", name, "the hash key is empty");
}

// Go's base64.URLEncoding: URL alphabet, padded. Node's decoder skips what it does not understand,
// so the form is checked first.
const BASE64URL_PADDED = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/;

function fromBase64Url(name: string, text: string, what: string): Buffer {
  if (!BASE64URL_PADDED.test(text)) throw new SecureCookieError("bad-base64", name, `${what} is not padded URL-safe base64`);
  return Buffer.from(text, "base64url");
}

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

function mac(hashKey: Uint8Array, name: string, dateAndValue: Uint8Array): Buffer {
  return createHmac("sha256", hashKey).update(`${name}|`).update(dateAndValue).digest();
}

function aesCtr(name: string, blockKey: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  // CTR is its own inverse; Node (OpenSSL) and Go both count over the whole 16-byte block, big-endian.
  const cipher = createCipheriv(cipherName(name, blockKey), blockKey, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

// ---- gob ---------------------------------------------------------------------------------------
// gorilla serializes with encoding/gob, and there is no maintained gob library for JavaScript. A Go
// string sent by a fresh gob.Encoder is one self-contained message of fixed shape:
//   uint(length of the rest) · int(6: gob's predefined id of `string`) · 0 (singleton field delta)
//   · uint(byte count) · bytes
// with gob's uint encoding: < 128 is one byte, else the negated byte count then big-endian bytes.
// Only that shape is read; anything else (another type, type definitions, trailing data) is refused.

const GOB_STRING_TYPE_ID = 6;

function gobUint(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([256 - bytes.length, ...bytes]);
}

export function gobEncodeString(value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  const body = Buffer.concat([gobUint(GOB_STRING_TYPE_ID * 2), Buffer.from([0]), gobUint(bytes.length), bytes]);
  return Buffer.concat([gobUint(body.length), body]);
}

class GobReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get remaining(): number {
    return this.buf.length - this.pos;
  }
  uint(): number | undefined {
    if (this.remaining < 1) return undefined;
    const first = this.buf[this.pos++];
    if (first < 0x80) return first;
    const count = 256 - first;
    if (count > 6 || this.remaining < count) return undefined; // > 6 bytes cannot be a length here
    let v = 0;
    for (let i = 0; i < count; i++) v = v * 256 + this.buf[this.pos++];
    return v;
  }
  bytes(n: number): Uint8Array {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/** The bytes of the Go string gob-encoded in `data`, or a description of why it is not one. */
export function gobDecodeString(data: Uint8Array): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } {
  const r = new GobReader(data);
  const length = r.uint();
  if (length === undefined || length !== r.remaining) return { ok: false, reason: "not a single gob message" };
  const typeId = r.uint();
  if (typeId !== GOB_STRING_TYPE_ID * 2) {
    const id = typeId === undefined ? "none" : typeId % 2 ? `type definition ${-((typeId + 1) / 2)}` : `type id ${typeId / 2}`;
    return { ok: false, reason: `gob value is not a string (${id})` };
  }
  if (r.uint() !== 0) return { ok: false, reason: "gob singleton has a non-zero field delta" };
  const size = r.uint();
  if (size === undefined || size !== r.remaining) return { ok: false, reason: "gob string length does not match the message" };
  return { ok: true, bytes: r.bytes(size) };
}

// ---- seal / open -------------------------------------------------------------------------------

function sealBytes(name: string, plain: Buffer, keys: CookieKeys, options: SealOptions, iv: Uint8Array | undefined): string {
  checkHashKey(name, keys);
  let payload = plain;
  if (keys.blockKey) {
    const nonce = iv ?? randomBytes(BLOCK_SIZE);
    payload = Buffer.concat([nonce, aesCtr(name, keys.blockKey, nonce, plain)]);
  }
  const dateAndValue = Buffer.from(`${options.nowSec ?? nowSeconds()}|${toBase64Url(payload)}`);
  const sealed = toBase64Url(Buffer.concat([dateAndValue, Buffer.from([PIPE]), mac(keys.hashKey, name, dateAndValue)]));
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (maxLength > 0 && sealed.length > maxLength) {
    throw new SecureCookieError("too-long", name, `the sealed value is ${sealed.length} bytes, over the limit of ${maxLength}`);
  }
  return sealed;
}

/** What gorilla's `securecookie.New(hashKey, blockKey).Encode(name, value)` makes of a Go string. */
export function sealSecureCookie(name: string, value: string, keys: CookieKeys, options: SealOptions = {}): string {
  return sealBytes(name, gobEncodeString(value), keys, options, undefined);
}

/**
 * sealSecureCookie with a chosen IV, for tests of the counter's edge cases only: reusing an IV
 * under one key gives the plaintexts away.
 */
export function sealSecureCookieWithIv(name: string, value: string, keys: CookieKeys, iv: Uint8Array, options: SealOptions = {}): string {
  if (iv.length !== BLOCK_SIZE) throw new SecureCookieError("bad-key", name, `the IV must be ${BLOCK_SIZE} bytes`);
  return sealBytes(name, gobEncodeString(value), keys, options, iv);
}

/** The raw bytes of the Go string in a sealed cookie (FlyteAdmin joins access-token halves byte-wise). */
export function openSecureCookieBytes(name: string, sealed: string, keys: CookieKeys, options: OpenOptions = {}): Uint8Array {
  checkHashKey(name, keys);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const byteLength = Buffer.byteLength(sealed);
  if (maxLength > 0 && byteLength > maxLength) {
    throw new SecureCookieError("too-long", name, `the value is ${byteLength} bytes, over the limit of ${maxLength}`);
  }
  const outer = fromBase64Url(name, sealed, "the value");
  // "date|value|mac": the MAC is raw bytes and may itself contain '|', so only the first two count.
  const first = outer.indexOf(PIPE);
  const second = first < 0 ? -1 : outer.indexOf(PIPE, first + 1);
  if (second < 0) throw new SecureCookieError("bad-mac", name, "the value is not valid (no MAC)");
  const dateAndValue = outer.subarray(0, second);
  const given = outer.subarray(second + 1);
  const expected = mac(keys.hashKey, name, dateAndValue);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SecureCookieError("bad-mac", name, "the value is not valid (MAC mismatch: other keys, another cookie's value, or tampered)");
  }

  const date = outer.subarray(0, first).toString("latin1");
  // Go's strconv.ParseInt(s, 10, 64).
  if (!/^[+-]?\d+$/.test(date)) throw new SecureCookieError("bad-timestamp", name, "invalid timestamp");
  const issued = BigInt(date);
  if (issued > 0x7fffffffffffffffn || issued < -0x8000000000000000n) throw new SecureCookieError("bad-timestamp", name, "invalid timestamp");
  const now = BigInt(options.nowSec ?? nowSeconds());
  const minAge = BigInt(options.minAgeSec ?? 0);
  const maxAge = BigInt(options.maxAgeSec ?? DEFAULT_MAX_AGE_SEC);
  if (minAge !== 0n && issued > now - minAge) throw new SecureCookieError("too-new", name, "timestamp is too new");
  if (maxAge !== 0n && issued < now - maxAge) throw new SecureCookieError("expired", name, `expired timestamp (older than ${maxAge} s)`);

  let payload = fromBase64Url(name, outer.subarray(first + 1, second).toString("latin1"), "the sealed payload");
  if (keys.blockKey) {
    if (payload.length <= BLOCK_SIZE) throw new SecureCookieError("decrypt-failed", name, "the value could not be decrypted");
    payload = aesCtr(name, keys.blockKey, payload.subarray(0, BLOCK_SIZE), payload.subarray(BLOCK_SIZE));
  }
  const decoded = gobDecodeString(payload);
  if (!decoded.ok) throw new SecureCookieError("not-a-string", name, decoded.reason);
  return decoded.bytes;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The string in a cookie FlyteAdmin sealed: what its `ReadSecureCookie` returns. */
export function openSecureCookie(name: string, sealed: string, keys: CookieKeys, options: OpenOptions = {}): string {
  const bytes = openSecureCookieBytes(name, sealed, keys, options);
  return decodeUtf8(name, bytes);
}

export function decodeUtf8(name: string, bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new SecureCookieError("not-a-string", name, "the value is not UTF-8 text");
  }
}
