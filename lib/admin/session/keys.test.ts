import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAdminConfig } from "../config";
import { readiness } from "../probe";
import { decodeRawStdBase64, readSessionKeys } from "./keys";

const root = mkdtempSync(join(tmpdir(), "session-keys-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** As `flyteadmin secrets init` writes them: unpadded standard base64. */
const rawStd = (key: Buffer) => key.toString("base64").replace(/=+$/, "");
const hashKey = randomBytes(64);
const blockKey = randomBytes(32);

let dirs = 0;
function secretsDir(files: Record<string, string>): string {
  const dir = join(root, `d${dirs++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("readSessionKeys", () => {
  it("is none when nothing is configured", () => {
    expect(readSessionKeys({})).toBeUndefined();
    expect(readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: " " })).toBeUndefined();
  });

  it("reads FlyteAdmin's secret files, a trailing newline and all", () => {
    const dir = secretsDir({ cookie_hash_key: `${rawStd(hashKey)}\n`, cookie_block_key: rawStd(blockKey), oidc_client_secret: "other" });
    const keys = readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: dir });
    expect(Buffer.from(keys!.hashKey)).toEqual(hashKey);
    expect(Buffer.from(keys!.blockKey)).toEqual(blockKey);
    expect(keys!.source).toBe(`${join(dir, "cookie_hash_key")}, ${join(dir, "cookie_block_key")}`);
  });

  it("reads the variables, which win over the directory", () => {
    const keys = readSessionKeys({
      FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey),
      FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(blockKey),
      FLYTE_CONSOLE_AUTH_SECRETS_DIR: join(root, "does-not-matter"),
    });
    expect(Buffer.from(keys!.hashKey)).toEqual(hashKey);
    expect(Buffer.from(keys!.blockKey)).toEqual(blockKey);
    expect(keys!.source).toContain("FLYTE_CONSOLE_COOKIE_HASH_KEY");
  });

  it("keeps the key bytes out of JSON and logs", () => {
    const keys = readSessionKeys({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(blockKey) });
    const dumped = JSON.stringify({ config: keys });
    expect(dumped).not.toContain(rawStd(hashKey).slice(0, 16));
    expect(dumped).not.toContain(hashKey.toString("hex").slice(0, 16));
    expect(Object.keys(keys!)).toEqual(["source"]);
  });

  it("is none for a directory without the key files (the Secret is mounted optionally)", () => {
    expect(readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: secretsDir({ other: "x" }) })).toBeUndefined();
    expect(readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: join(root, "absent") })).toBeUndefined();
  });

  it("says which half of a pair is missing", () => {
    expect(() => readSessionKeys({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey) })).toThrow(
      "FLYTE_CONSOLE_COOKIE_HASH_KEY is set but FLYTE_CONSOLE_COOKIE_BLOCK_KEY is not",
    );
    expect(() => readSessionKeys({ FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(blockKey) })).toThrow(
      "FLYTE_CONSOLE_COOKIE_BLOCK_KEY is set but FLYTE_CONSOLE_COOKIE_HASH_KEY is not",
    );
    const dir = secretsDir({ cookie_hash_key: rawStd(hashKey) });
    expect(() => readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: dir })).toThrow(
      `${join(dir, "cookie_hash_key")} is there but ${join(dir, "cookie_block_key")} is not`,
    );
  });

  it("names the variable or file whose key is not FlyteAdmin's base64, without echoing it", () => {
    const padded = blockKey.toString("base64"); // 32 bytes: ends in "="
    const err = (() => {
      try {
        readSessionKeys({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: padded });
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(err).toMatch(/^FLYTE_CONSOLE_COOKIE_BLOCK_KEY is not base64 as FlyteAdmin reads it: character 44 .* unpadded/);
    expect(err).not.toContain(padded.slice(0, 12));

    const urlSafe = rawStd(hashKey).replace(/.$/, "-");
    expect(() => readSessionKeys({ FLYTE_CONSOLE_COOKIE_HASH_KEY: urlSafe, FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(blockKey) })).toThrow(
      /^FLYTE_CONSOLE_COOKIE_HASH_KEY is not base64 as FlyteAdmin reads it: character 86 is not in the standard base64 alphabet$/,
    );
    const dir = secretsDir({ cookie_hash_key: "not base64!", cookie_block_key: rawStd(blockKey) });
    expect(() => readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: dir })).toThrow(`${join(dir, "cookie_hash_key")} is not base64 as FlyteAdmin reads it`);
  });

  it("refuses a block key AES cannot use and an empty hash key", () => {
    expect(() => readSessionKeys({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(randomBytes(20)) })).toThrow(
      "FLYTE_CONSOLE_COOKIE_BLOCK_KEY decodes to 20 bytes; an AES key is 16, 24 or 32 bytes",
    );
    const dir = secretsDir({ cookie_hash_key: "\n", cookie_block_key: rawStd(blockKey) });
    expect(() => readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: dir })).toThrow(`${join(dir, "cookie_hash_key")} is empty`);
  });

  it("says when a key file cannot be read", () => {
    const dir = secretsDir({ cookie_hash_key: rawStd(hashKey) });
    mkdirSync(join(dir, "cookie_block_key"));
    expect(() => readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: dir })).toThrow(`${join(dir, "cookie_block_key")} cannot be read (it is a directory)`);
    const file = join(secretsDir({}), "a-file");
    writeFileSync(file, "");
    expect(() => readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: file })).toThrow(`FLYTE_CONSOLE_AUTH_SECRETS_DIR=${file} cannot be read (it is not a directory)`);
  });

  it("decodes as Go's RawStdEncoding: CR and LF skipped, an impossible length refused", () => {
    expect(decodeRawStdBase64("aGVs\r\nbG8", "k").toString()).toBe("hello");
    expect(() => decodeRawStdBase64("aGVsb", "k")).toThrow("k is not base64 as FlyteAdmin reads it: its length cannot be base64");
  });
});

describe("session keys in the admin config", () => {
  it("are part of AdminConfig, and readiness reports bad ones", () => {
    const env = { FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(blockKey) };
    expect(Buffer.from(readAdminConfig(env).session!.hashKey)).toEqual(hashKey);
    expect(readAdminConfig({}).session).toBeUndefined();
    expect(readiness(env)).toEqual({ ready: true });
    const bad = readiness({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey) });
    expect(bad.ready).toBe(false);
    expect(bad.reason).toContain("FLYTE_CONSOLE_COOKIE_BLOCK_KEY");
  });
});
