// Server-only: FlyteAdmin's cookie keys, read the way FlyteAdmin reads them (flyteadmin/auth/
// auth_context.go and cookie_manager.go): the secrets `cookie_hash_key` and `cookie_block_key`, each
// the key in unpadded standard base64 (base64.RawStdEncoding, what `flyteadmin secrets init` writes).
import { statSync } from "node:fs";
import { join } from "node:path";
import { log } from "../log";
import { fileErrorReason, readSettingFile } from "../setting-file";
import type { CookieKeys } from "@/lib/securecookie/securecookie";

export const HASH_KEY_FILE = "cookie_hash_key";
export const BLOCK_KEY_FILE = "cookie_block_key";

/** FlyteAdmin's cookie keys. The key bytes are not enumerable, so no log line or JSON dump carries them. */
export interface SessionKeys extends CookieKeys {
  /** Where they came from, for messages: the variables' names or the files' paths. */
  readonly source: string;
  readonly hashKey: Uint8Array;
  readonly blockKey: Uint8Array;
}

function sessionKeys(source: string, hashKey: Uint8Array, blockKey: Uint8Array): SessionKeys {
  const keys = { source } as SessionKeys;
  Object.defineProperty(keys, "hashKey", { value: hashKey, enumerable: false });
  Object.defineProperty(keys, "blockKey", { value: blockKey, enumerable: false });
  return Object.freeze(keys);
}

/**
 * Go's base64.RawStdEncoding.DecodeString: standard alphabet, no padding; it skips CR and LF (a
 * trailing newline in a secret file is fine) and refuses anything else. Nothing of the input is
 * echoed in the message.
 */
export function decodeRawStdBase64(text: string, what: string): Buffer {
  const clean = text.replace(/[\r\n]/g, "");
  const bad = clean.search(/[^A-Za-z0-9+/]/);
  if (bad >= 0) {
    const hint = clean[bad] === "=" ? " (FlyteAdmin's keys are unpadded: drop the trailing '=')" : "";
    throw new Error(`${what} is not base64 as FlyteAdmin reads it: character ${bad + 1} is not in the standard base64 alphabet${hint}`);
  }
  if (clean.length % 4 === 1) throw new Error(`${what} is not base64 as FlyteAdmin reads it: its length cannot be base64`);
  return Buffer.from(clean, "base64");
}

function checkLengths(hashKey: Buffer, blockKey: Buffer, hashWhat: string, blockWhat: string) {
  if (hashKey.length === 0) throw new Error(`${hashWhat} is empty`);
  if (![16, 24, 32].includes(blockKey.length)) {
    throw new Error(`${blockWhat} decodes to ${blockKey.length} bytes; an AES key is 16, 24 or 32 bytes (FlyteAdmin's is 32)`);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}

function readKeyFile(path: string): Buffer {
  return decodeRawStdBase64(readSettingFile(path, path), path);
}

const warned = new Set<string>();
function warnOnce(dir: string, message: string) {
  if (warned.has(dir)) return;
  warned.add(dir);
  log().warn({ dir }, message);
}

/**
 * FlyteAdmin's cookie keys from FLYTE_CONSOLE_COOKIE_HASH_KEY and FLYTE_CONSOLE_COOKIE_BLOCK_KEY
 * (both, and they win), else from the files in FLYTE_CONSOLE_AUTH_SECRETS_DIR, else none.
 * A directory without either file is no keys, not an error: the Deployment mounts FlyteAdmin's
 * Secret optionally, for clusters that run without auth. Half a pair, unreadable files or keys that
 * do not decode are errors that name the variable or the file.
 */
export function readSessionKeys(env: Record<string, string | undefined> = process.env): SessionKeys | undefined {
  const hashEnv = env.FLYTE_CONSOLE_COOKIE_HASH_KEY?.trim() || undefined;
  const blockEnv = env.FLYTE_CONSOLE_COOKIE_BLOCK_KEY?.trim() || undefined;
  if (hashEnv || blockEnv) {
    if (!hashEnv || !blockEnv) {
      const [set, unset] = hashEnv
        ? ["FLYTE_CONSOLE_COOKIE_HASH_KEY", "FLYTE_CONSOLE_COOKIE_BLOCK_KEY"]
        : ["FLYTE_CONSOLE_COOKIE_BLOCK_KEY", "FLYTE_CONSOLE_COOKIE_HASH_KEY"];
      throw new Error(`${set} is set but ${unset} is not; FlyteAdmin's session needs both cookie keys (or neither)`);
    }
    const hashKey = decodeRawStdBase64(hashEnv, "FLYTE_CONSOLE_COOKIE_HASH_KEY");
    const blockKey = decodeRawStdBase64(blockEnv, "FLYTE_CONSOLE_COOKIE_BLOCK_KEY");
    checkLengths(hashKey, blockKey, "FLYTE_CONSOLE_COOKIE_HASH_KEY", "FLYTE_CONSOLE_COOKIE_BLOCK_KEY");
    return sessionKeys("FLYTE_CONSOLE_COOKIE_HASH_KEY, FLYTE_CONSOLE_COOKIE_BLOCK_KEY", hashKey, blockKey);
  }

  const dir = env.FLYTE_CONSOLE_AUTH_SECRETS_DIR?.trim();
  if (!dir) return undefined;
  // turbopackIgnore: a run-time path. Traced, join(dir, "cookie_hash_key") reads as every such file under
  // the project, and the build would copy any it finds (an e2e run's keys, a developer's) into the image.
  const hashPath = join(/* turbopackIgnore: true */ dir, HASH_KEY_FILE);
  const blockPath = join(/* turbopackIgnore: true */ dir, BLOCK_KEY_FILE);
  let hashThere: boolean;
  let blockThere: boolean;
  try {
    hashThere = exists(hashPath);
    blockThere = exists(blockPath);
  } catch (err) {
    throw new Error(`FLYTE_CONSOLE_AUTH_SECRETS_DIR=${dir} cannot be read (${fileErrorReason(err)})`);
  }
  if (!hashThere && !blockThere) {
    warnOnce(dir, `FLYTE_CONSOLE_AUTH_SECRETS_DIR=${dir} has neither ${HASH_KEY_FILE} nor ${BLOCK_KEY_FILE}: FlyteAdmin's session cookies are not opened`);
    return undefined;
  }
  if (!hashThere || !blockThere) {
    const [present, missing] = hashThere ? [hashPath, blockPath] : [blockPath, hashPath];
    throw new Error(`FLYTE_CONSOLE_AUTH_SECRETS_DIR=${dir}: ${present} is there but ${missing} is not; FlyteAdmin's session needs both cookie keys`);
  }
  const hashKey = readKeyFile(hashPath);
  const blockKey = readKeyFile(blockPath);
  checkLengths(hashKey, blockKey, hashPath, blockPath);
  return sessionKeys(`${hashPath}, ${blockPath}`, hashKey, blockKey);
}
