import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeRawStdBase64, ensureAuthSecrets } from "./secrets";

const root = mkdtempSync(path.join(tmpdir(), "sbx-secrets-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("ensureAuthSecrets", () => {
  it("creates FlyteAdmin's secret files as `flyteadmin secrets init` does, owner-only, and reads the same keys back", () => {
    const dir = path.join(root, "fresh", "auth");
    const first = ensureAuthSecrets(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const hash = readFileSync(path.join(dir, "cookie_hash_key"), "utf8");
    const block = readFileSync(path.join(dir, "cookie_block_key"), "utf8");
    // Go's base64.RawStdEncoding: standard alphabet, no padding.
    expect(hash).toMatch(/^[A-Za-z0-9+/]{86}$/);
    expect(block).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(first.cookieKeys.hashKey).toHaveLength(64);
    expect(first.cookieKeys.blockKey).toHaveLength(32);
    expect(readFileSync(path.join(dir, "token_rsa_key.pem"), "utf8")).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(first.signingKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    for (const f of ["cookie_hash_key", "cookie_block_key", "token_rsa_key.pem"]) expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);

    const again = ensureAuthSecrets(dir);
    expect(Buffer.from(again.cookieKeys.hashKey)).toEqual(Buffer.from(first.cookieKeys.hashKey));
    expect(again.publicKey.export({ format: "jwk" })).toEqual(first.publicKey.export({ format: "jwk" }));
    // The keys do not show in a log line.
    expect(JSON.stringify(again)).not.toContain(hash.slice(0, 20));
  });

  it("reads keys another FlyteAdmin wrote, with a trailing newline", () => {
    const dir = path.join(root, "mounted");
    ensureAuthSecrets(dir);
    const key = Buffer.alloc(32, 7);
    writeFileSync(path.join(dir, "cookie_block_key"), `${key.toString("base64").replace(/=+$/, "")}\n`);
    expect(Buffer.from(ensureAuthSecrets(dir).cookieKeys.blockKey)).toEqual(key);
  });

  it("names the file that cannot be used, never its content", () => {
    const dir = path.join(root, "broken");
    ensureAuthSecrets(dir);
    writeFileSync(path.join(dir, "cookie_hash_key"), "c2VjcmV0LXZhbHVl==");
    expect(() => ensureAuthSecrets(dir)).toThrow(`${path.join(dir, "cookie_hash_key")} is not unpadded standard base64`);
    writeFileSync(path.join(dir, "cookie_hash_key"), "AAAA");
    writeFileSync(path.join(dir, "cookie_block_key"), "AAAA");
    expect(() => ensureAuthSecrets(dir)).toThrow(`${path.join(dir, "cookie_block_key")} holds a 3-byte key, which cannot be used`);
    writeFileSync(path.join(dir, "cookie_block_key"), Buffer.alloc(32).toString("base64").replace(/=+$/, ""));
    writeFileSync(path.join(dir, "token_rsa_key.pem"), "not a key");
    expect(() => ensureAuthSecrets(dir)).toThrow(`${path.join(dir, "token_rsa_key.pem")} is not a PEM RSA private key`);
  });

  it("decodes as Go's RawStdEncoding", () => {
    expect(decodeRawStdBase64("YWJj\n", "k").toString()).toBe("abc");
    expect(decodeRawStdBase64("YWI", "k").toString()).toBe("ab");
    expect(() => decodeRawStdBase64("YWI=", "k")).toThrow("k is not unpadded standard base64");
    expect(() => decodeRawStdBase64("YW-_", "k")).toThrow();
    expect(() => decodeRawStdBase64("YWJjZ", "k")).toThrow("its length cannot be base64");
  });
});
