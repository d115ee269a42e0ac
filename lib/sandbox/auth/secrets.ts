// The sandbox's auth secrets, in the files and formats `flyteadmin secrets init` writes and FlyteAdmin
// mounts: cookie_hash_key (64 random bytes) and cookie_block_key (32), each unpadded standard base64
// (Go's base64.RawStdEncoding), and token_rsa_key.pem (RSA 2048, PKCS#1 "RSA PRIVATE KEY"). Missing files
// are created (0600, in a 0700 directory); existing ones are read, so the console can open the cookies
// with the very same directory (FLYTE_CONSOLE_AUTH_SECRETS_DIR).
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CookieKeys } from "@/lib/securecookie/securecookie";

export const COOKIE_HASH_KEY_FILE = "cookie_hash_key";
export const COOKIE_BLOCK_KEY_FILE = "cookie_block_key";
export const TOKEN_RSA_KEY_FILE = "token_rsa_key.pem";

const COOKIE_HASH_KEY_BYTES = 64;
const COOKIE_BLOCK_KEY_BYTES = 32;

export interface AuthSecrets {
  readonly dir: string;
  readonly cookieKeys: Required<CookieKeys>;
  readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Go's base64.RawStdEncoding.EncodeToString. */
export function encodeRawStdBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/=+$/, "");
}

/** Go's base64.RawStdEncoding.DecodeString (CR and LF skipped, padding and other alphabets refused); never echoes the input. */
export function decodeRawStdBase64(text: string, what: string): Buffer {
  const clean = text.replace(/[\r\n]/g, "");
  if (/[^A-Za-z0-9+/]/.test(clean)) throw new Error(`${what} is not unpadded standard base64 (as FlyteAdmin stores its keys)`);
  if (clean.length % 4 === 1) throw new Error(`${what} is not unpadded standard base64: its length cannot be base64`);
  return Buffer.from(clean, "base64");
}

function reason(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** The file's text; when it does not exist, `create()` is written first (exclusively, so two starts agree). */
function readOrCreate(path: string, create: () => string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${path} cannot be read (${reason(err)})`);
  }
  try {
    writeFileSync(path, create(), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`${path} cannot be written (${reason(err)})`);
  }
  return readFileSync(path, "utf8");
}

function cookieKey(dir: string, file: string, bytes: number, valid: (n: number) => boolean): Buffer {
  const path = join(dir, file);
  const key = decodeRawStdBase64(readOrCreate(path, () => encodeRawStdBase64(randomBytes(bytes))), path);
  if (!valid(key.length)) throw new Error(`${path} holds a ${key.length}-byte key, which cannot be used`);
  return key;
}

/** Reads the secrets in `dir`, creating what is missing. Errors name the file, never a key. */
export function ensureAuthSecrets(dir: string): AuthSecrets {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new Error(`FLYTE_SANDBOX_AUTH_SECRETS_DIR=${dir} cannot be created (${reason(err)})`);
  }
  const hashKey = cookieKey(dir, COOKIE_HASH_KEY_FILE, COOKIE_HASH_KEY_BYTES, (n) => n > 0);
  const blockKey = cookieKey(dir, COOKIE_BLOCK_KEY_FILE, COOKIE_BLOCK_KEY_BYTES, (n) => n === 16 || n === 24 || n === 32);
  const pemPath = join(dir, TOKEN_RSA_KEY_FILE);
  const pem = readOrCreate(pemPath, () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  });
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey(pem);
  } catch {
    throw new Error(`${pemPath} is not a PEM RSA private key`);
  }
  if (signingKey.asymmetricKeyType !== "rsa") throw new Error(`${pemPath} is not an RSA key (RS256 needs one)`);
  const secrets = { dir, signingKey, publicKey: createPublicKey(signingKey) } as AuthSecrets;
  // Not enumerable: no log line or JSON dump of the secrets carries the cookie keys.
  Object.defineProperty(secrets, "cookieKeys", { value: Object.freeze({ hashKey, blockKey }), enumerable: false });
  return Object.freeze(secrets);
}
