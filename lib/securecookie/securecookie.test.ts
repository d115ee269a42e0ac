// The codec on its own: round trips, gob's string shape and every way a cookie is refused.
// Byte compatibility with Go is oracle.test.ts's job.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_AGE_SEC,
  gobDecodeString,
  gobEncodeString,
  openSecureCookie,
  sealSecureCookie,
  SecureCookieError,
  type CookieKeys,
} from "@/lib/securecookie/securecookie";

const NOW = 1_700_000_000;
const keys: CookieKeys = { hashKey: randomBytes(64), blockKey: randomBytes(32) };
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

function refusal(fn: () => unknown): SecureCookieError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SecureCookieError);
    return err as SecureCookieError;
  }
  throw new Error("expected the cookie to be refused");
}

/** base64url without padding changes, one byte of the decoded outer layer flipped. */
function flipOuterByte(sealed: string, index: (length: number) => number): string {
  const outer = Buffer.from(sealed, "base64url");
  outer[index(outer.length)] ^= 0x01;
  return outer.toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

describe("sealSecureCookie / openSecureCookie", () => {
  it("round-trips strings with AES-128, -192 and -256 and without a block key", () => {
    for (const blockKey of [randomBytes(16), randomBytes(24), randomBytes(32), undefined]) {
      const k = { hashKey: randomBytes(32), blockKey };
      for (const value of ["", "x", TOKEN, "ünïcødé ✓", "a".repeat(1500)]) {
        expect(openSecureCookie("flyte_idt", sealSecureCookie("flyte_idt", value, k, { nowSec: NOW }), k, { nowSec: NOW })).toBe(value);
      }
    }
  });

  it("seals in gorilla's shape: padded base64url of date|payload|mac, a fresh IV each time", () => {
    const a = sealSecureCookie("flyte_at_1", TOKEN, keys, { nowSec: NOW });
    const b = sealSecureCookie("flyte_at_1", TOKEN, keys, { nowSec: NOW });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(a.length % 4).toBe(0);
    const outer = Buffer.from(a, "base64url");
    expect(outer.subarray(0, 11).toString()).toBe(`${NOW}|`);
    const payload = outer.subarray(11, outer.indexOf(0x7c, 11)).toString();
    expect(payload).toMatch(/^[A-Za-z0-9_-]+=*$/);
    // IV (16) + gob of the token: the value itself is nowhere in clear.
    expect(Buffer.from(payload, "base64url").length).toBe(16 + gobEncodeString(TOKEN).length);
    expect(outer.includes(Buffer.from(TOKEN))).toBe(false);
    expect(outer.length - outer.indexOf(0x7c, 11) - 1).toBe(32);
  });

  it("without a block key the value is signed but readable, as gorilla does it", () => {
    const k = { hashKey: randomBytes(32) };
    const outer = Buffer.from(sealSecureCookie("n", "visible", k, { nowSec: NOW }), "base64url");
    const payload = outer.subarray(11, outer.indexOf(0x7c, 11)).toString();
    expect(Buffer.from(payload, "base64url")).toEqual(gobEncodeString("visible"));
  });

  it("refuses a tampered MAC, timestamp or payload", () => {
    const sealed = sealSecureCookie("flyte_idt", TOKEN, keys, { nowSec: NOW });
    for (const at of [(n: number) => n - 1, () => 0, () => 15]) {
      expect(refusal(() => openSecureCookie("flyte_idt", flipOuterByte(sealed, at), keys, { nowSec: NOW })).code).toBe("bad-mac");
    }
    const truncated = Buffer.from(sealed, "base64url").subarray(0, -1).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
    expect(refusal(() => openSecureCookie("flyte_idt", truncated, keys, { nowSec: NOW })).code).toBe("bad-mac");
  });

  it("refuses a cookie sealed under another name (one half passed off as the other)", () => {
    const first = sealSecureCookie("flyte_at_1", "half", keys, { nowSec: NOW });
    const err = refusal(() => openSecureCookie("flyte_at_2", first, keys, { nowSec: NOW }));
    expect(err.code).toBe("bad-mac");
    expect(err.cookieName).toBe("flyte_at_2");
  });

  it("refuses other keys: another hash key fails the MAC, another block key does not decrypt to a string", () => {
    const sealed = sealSecureCookie("flyte_idt", TOKEN, keys, { nowSec: NOW });
    expect(refusal(() => openSecureCookie("flyte_idt", sealed, { hashKey: randomBytes(64), blockKey: keys.blockKey }, { nowSec: NOW })).code).toBe("bad-mac");
    expect(refusal(() => openSecureCookie("flyte_idt", sealed, { hashKey: keys.hashKey, blockKey: randomBytes(32) }, { nowSec: NOW })).code).toBe("not-a-string");
  });

  it("refuses cookies older than the max age (gorilla's 30 days by default) and honours a custom one", () => {
    const sealed = sealSecureCookie("flyte_idt", TOKEN, keys, { nowSec: NOW });
    expect(openSecureCookie("flyte_idt", sealed, keys, { nowSec: NOW + DEFAULT_MAX_AGE_SEC })).toBe(TOKEN);
    expect(refusal(() => openSecureCookie("flyte_idt", sealed, keys, { nowSec: NOW + DEFAULT_MAX_AGE_SEC + 1 })).code).toBe("expired");
    expect(refusal(() => openSecureCookie("flyte_idt", sealed, keys, { nowSec: NOW + 61, maxAgeSec: 60 })).code).toBe("expired");
    expect(openSecureCookie("flyte_idt", sealed, keys, { nowSec: NOW + 10 * DEFAULT_MAX_AGE_SEC, maxAgeSec: 0 })).toBe(TOKEN);
  });

  it("treats a timestamp from the future as gorilla does: accepted unless a min age is set", () => {
    const future = sealSecureCookie("flyte_idt", TOKEN, keys, { nowSec: NOW + 3600 });
    expect(openSecureCookie("flyte_idt", future, keys, { nowSec: NOW })).toBe(TOKEN);
    expect(refusal(() => openSecureCookie("flyte_idt", future, keys, { nowSec: NOW, minAgeSec: 1 })).code).toBe("too-new");
  });

  it("refuses malformed base64 and values over gorilla's 4096-byte limit", () => {
    const sealed = sealSecureCookie("flyte_idt", TOKEN, keys, { nowSec: NOW });
    for (const bad of ["not base64!", sealed.slice(0, -1), `${sealed.slice(0, -4)}+/==`, `${sealed} `]) {
      expect(refusal(() => openSecureCookie("flyte_idt", bad, keys, { nowSec: NOW })).code).toBe("bad-base64");
    }
    expect(refusal(() => openSecureCookie("flyte_idt", "", keys, { nowSec: NOW })).code).toBe("bad-mac");
    expect(refusal(() => openSecureCookie("flyte_idt", "A".repeat(4100), keys, { nowSec: NOW })).code).toBe("too-long");
    expect(refusal(() => sealSecureCookie("flyte_at", "t".repeat(3000), keys, { nowSec: NOW })).code).toBe("too-long");
  });

  it("refuses keys AES cannot use", () => {
    expect(refusal(() => sealSecureCookie("n", "v", { hashKey: randomBytes(32), blockKey: randomBytes(20) })).code).toBe("bad-key");
    expect(refusal(() => sealSecureCookie("n", "v", { hashKey: new Uint8Array(0), blockKey: randomBytes(32) })).code).toBe("bad-key");
  });

  it("never puts the value, the sealed cookie or key material in an error", () => {
    const secret = "eyJ0b3Atc2VjcmV0LXRva2VuIn0.payload.sig";
    const sealed = sealSecureCookie("flyte_idt", secret, keys, { nowSec: NOW });
    const otherKeys = { hashKey: keys.hashKey, blockKey: randomBytes(32) };
    const errors = [
      refusal(() => openSecureCookie("flyte_idt", flipOuterByte(sealed, (n) => n - 1), keys, { nowSec: NOW })),
      refusal(() => openSecureCookie("flyte_idt", sealed, otherKeys, { nowSec: NOW })),
      refusal(() => openSecureCookie("flyte_idt", sealed, keys, { nowSec: NOW + DEFAULT_MAX_AGE_SEC + 1 })),
      refusal(() => openSecureCookie("flyte_idt", `${sealed}!`, keys, { nowSec: NOW })),
      refusal(() => sealSecureCookie("flyte_idt", secret.repeat(100), keys)),
    ];
    const forbidden = [secret, sealed, sealed.slice(0, 20), ...[keys.hashKey, keys.blockKey!, otherKeys.blockKey].flatMap((k) => [
      Buffer.from(k).toString("hex"),
      Buffer.from(k).toString("base64").replace(/=+$/, ""),
    ])];
    for (const err of errors) {
      const text = `${err.message} ${err.detail} ${JSON.stringify(err)} ${err.stack ?? ""}`;
      expect(text).toContain("flyte_idt");
      for (const f of forbidden) expect(text).not.toContain(f);
    }
  });
});

describe("gob strings", () => {
  it("encodes a Go string as encoding/gob does", () => {
    // From Go: gob.NewEncoder(&buf).Encode(s).
    expect(gobEncodeString("").toString("hex")).toBe("030c0000");
    expect(gobEncodeString("hello").toString("hex")).toBe("080c000568656c6c6f");
    expect(gobEncodeString("\0".repeat(127)).subarray(0, 5).toString("hex")).toBe("ff820c007f");
    expect(gobEncodeString("\0".repeat(128)).subarray(0, 6).toString("hex")).toBe("ff840c00ff80");
    expect(gobEncodeString("\0".repeat(300)).subarray(0, 8).toString("hex")).toBe("fe01310c00fe012c");
  });

  it("decodes what it encodes and refuses every other shape", () => {
    for (const s of ["", "hello", "x".repeat(70_000)]) {
      const decoded = gobDecodeString(gobEncodeString(s));
      expect(decoded.ok && Buffer.from(decoded.bytes).toString()).toBe(s);
    }
    const reasons = (hex: string) => {
      const r = gobDecodeString(Buffer.from(hex, "hex"));
      return r.ok ? "decoded" : r.reason;
    };
    expect(reasons("050a00026869")).toMatch(/not a string \(type id 5\)/); // a []byte
    expect(reasons("04ff810000")).toMatch(/type definition -65/); // what gob sends before a non-predefined type
    expect(reasons("080c000568656c6c6f00")).toMatch(/single gob message/); // trailing byte
    expect(reasons("080c000568656c6c")).toMatch(/single gob message/); // truncated
    expect(reasons("080c010568656c6c6f")).toMatch(/field delta/);
    expect(reasons("080c000468656c6c6f")).toMatch(/length does not match/);
    expect(reasons("")).toMatch(/single gob message/);
  });
});
