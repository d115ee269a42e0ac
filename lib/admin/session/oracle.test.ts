// The codec against the real thing: oracle/main.go runs gorilla/securecookie as FlyteAdmin does.
// Go seals what the console must open, and opens what the console sealed. Needs Go and gorilla's
// sources (Debian: golang-go, golang-github-gorilla-securecookie-dev); never skipped.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gobEncodeString, openSecureCookie, sealSecureCookie, sealSecureCookieWithIv, type CookieKeys } from "@/lib/securecookie/securecookie";
import { signIn, startAuthSandbox } from "@/lib/sandbox/auth/testing/sandbox";
import { readSessionKeys } from "./keys";
import { openFlyteAdminSession } from "@/lib/securecookie/flyteadmin-session";

const GOPATH = "/usr/share/gocode";
const INSTALL_HINT = "install Go and gorilla/securecookie's sources: apt-get install golang-go golang-github-gorilla-securecookie-dev";

let workDir: string;
let oracle: string;

function buildOracle(): string {
  const found = spawnSync("go", ["version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    throw new Error(`the Go oracle needs \`go\` on PATH (${found.error?.message ?? found.stderr.trim()}); ${INSTALL_HINT}`);
  }
  const binary = join(workDir, "oracle");
  const built = spawnSync("go", ["build", "-o", binary, "."], {
    cwd: join(__dirname, "oracle"),
    encoding: "utf8",
    // GOPATH mode with Debian's packaged sources; the build cache goes to a writable temp dir.
    env: { ...process.env, GO111MODULE: "off", GOPATH, GOFLAGS: "", HOME: workDir, GOCACHE: join(workDir, "gocache") },
  });
  if (built.status !== 0) {
    throw new Error(`building the Go oracle failed:\n${built.stderr}${/cannot find package/.test(built.stderr) ? `\n${INSTALL_HINT}` : ""}`);
  }
  return binary;
}

interface OracleAnswer {
  sealed: string[];
  accessToken?: { flyte_at_1: string; flyte_at_2: string };
  opened: { value?: string; error?: string }[];
  gob: string[];
}

interface OracleRequest {
  seal?: { name: string; value: string }[];
  storeAccessToken?: string;
  open?: { name: string; cookie: string }[];
  gob?: string[];
}

/** FlyteAdmin's secret-file form of a key: unpadded standard base64. */
const rawStd = (key: Uint8Array | undefined) => (key ? Buffer.from(key).toString("base64").replace(/=+$/, "") : "");

function ask(keys: CookieKeys, request: OracleRequest): OracleAnswer {
  const input = JSON.stringify({ hashKey: rawStd(keys.hashKey), blockKey: rawStd(keys.blockKey), ...request });
  return JSON.parse(execFileSync(oracle, { input, encoding: "utf8" })) as OracleAnswer;
}

/** A JWT-shaped token long enough that FlyteAdmin's one-cookie form would not fit in 4096 bytes. */
function longToken(): string {
  const part = (n: number) => randomBytes(n).toString("base64url");
  return `${part(40)}.${part(2400)}.${part(256)}`;
}

// FlyteAdmin's keys are 64 (hash) and 32 (block) bytes.
const keys: CookieKeys = { hashKey: randomBytes(64), blockKey: randomBytes(32) };

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "securecookie-oracle-"));
  oracle = buildOracle();
}, 120_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("cookies FlyteAdmin sealed (Go), opened by the console", () => {
  it("opens the access token's halves (flyte_at_1 + flyte_at_2) and joins them as FlyteAdmin does", () => {
    const token = longToken();
    const { accessToken } = ask(keys, { storeAccessToken: token });
    expect(accessToken).toBeDefined();
    const { flyte_at_1, flyte_at_2 } = accessToken!;
    const first = openSecureCookie("flyte_at_1", flyte_at_1, keys);
    const second = openSecureCookie("flyte_at_2", flyte_at_2, keys);
    expect(first.length).toBe(Math.floor(token.length / 2));
    expect(first + second).toBe(token);

    const idToken = longToken().slice(0, 1500);
    const userInfo = JSON.stringify({ subject: "alice", name: "Alice Ünïcødé", email: "alice@example.com" });
    const [idt, info] = ask(keys, { seal: [{ name: "flyte_idt", value: idToken }, { name: "flyte_user_info", value: userInfo }] }).sealed;
    const session = openFlyteAdminSession(`flyte_at_1=${flyte_at_1}; flyte_at_2=${flyte_at_2}; flyte_idt=${idt}; flyte_user_info=${info}`, keys);
    expect(session).toEqual({ kind: "open", idToken, accessToken: token, userInfo });
  });

  it("opens the single flyte_at of older releases, the ID token and the refresh token", () => {
    const [at, idt, rt] = ask(keys, {
      seal: [
        { name: "flyte_at", value: "short.access.token" },
        { name: "flyte_idt", value: "id.token.jwt" },
        { name: "flyte_rt", value: "refresh-token" },
      ],
    }).sealed;
    expect(openSecureCookie("flyte_rt", rt, keys)).toBe("refresh-token");
    expect(openFlyteAdminSession(`flyte_at=${at}; flyte_idt=${idt}`, keys)).toEqual({ kind: "open", idToken: "id.token.jwt", accessToken: "short.access.token" });
  });

  it("opens Go's cookies with AES-128 and without a block key, and refuses them under other keys", () => {
    for (const k of [{ hashKey: randomBytes(32), blockKey: randomBytes(16) }, { hashKey: randomBytes(32) }]) {
      const [sealed] = ask(k, { seal: [{ name: "flyte_idt", value: "tok" }] }).sealed;
      expect(openSecureCookie("flyte_idt", sealed, k)).toBe("tok");
    }
    const [sealed] = ask(keys, { seal: [{ name: "flyte_idt", value: "tok" }] }).sealed;
    expect(() => openSecureCookie("flyte_idt", sealed, { hashKey: randomBytes(64), blockKey: keys.blockKey })).toThrow(/not valid/);
    expect(() => openSecureCookie("flyte_at_2", sealed, keys)).toThrow(/not valid/);
  });
});

describe("cookies the console sealed, opened by FlyteAdmin (Go)", () => {
  it("opens values of every gob length class and in UTF-8", () => {
    const values = ["", "a", "x".repeat(127), "y".repeat(128), "z".repeat(255), "w".repeat(256), "ünïcødé ✓", longToken().slice(0, 2200)]; // about the most that fits in 4096 bytes sealed
    const open = values.map((value, i) => ({ name: `c${i}`, cookie: sealSecureCookie(`c${i}`, value, keys) }));
    expect(ask(keys, { open }).opened).toEqual(values.map((value) => ({ value })));
  });

  it("counts AES-CTR over the whole block, as Go does (an IV about to wrap around)", () => {
    const value = "v".repeat(200); // several blocks, so the counter wraps from ff…ff to 00…00
    const cookie = sealSecureCookieWithIv("flyte_idt", value, keys, Buffer.alloc(16, 0xff));
    const cookie2 = sealSecureCookieWithIv("flyte_idt", value, keys, Buffer.from("00000000000000ffffffffffffffffff", "hex"));
    expect(ask(keys, { open: [{ name: "flyte_idt", cookie }, { name: "flyte_idt", cookie: cookie2 }] }).opened).toEqual([{ value }, { value }]);
  });

  it("refuses them as the console does: other keys, another name, older than 30 days; accepts a future timestamp", () => {
    const now = Math.floor(Date.now() / 1000);
    const other = { hashKey: randomBytes(64), blockKey: randomBytes(32) };
    const opened = ask(keys, {
      open: [
        { name: "flyte_idt", cookie: sealSecureCookie("flyte_idt", "t", other) },
        { name: "flyte_at_2", cookie: sealSecureCookie("flyte_at_1", "t", keys) },
        { name: "flyte_idt", cookie: sealSecureCookie("flyte_idt", "t", keys, { nowSec: now - 31 * 86400 }) },
        { name: "flyte_idt", cookie: sealSecureCookie("flyte_idt", "t", keys, { nowSec: now + 3600 }) },
      ],
    }).opened;
    expect(opened[0].error).toMatch(/the value is not valid/);
    expect(opened[1].error).toMatch(/the value is not valid/);
    expect(opened[2].error).toMatch(/expired timestamp/);
    expect(opened[3]).toEqual({ value: "t" });
  });
});

describe("gob", () => {
  it("encodes strings byte for byte as Go's encoding/gob", () => {
    const lengths = [0, 1, 5, 127, 128, 255, 256, 4000, 65_535, 65_536, 70_000];
    const strings = [...lengths.map((n) => "s".repeat(n)), "ünïcødé ✓"];
    const fromGo = ask(keys, { gob: strings }).gob;
    expect(strings.map((s) => gobEncodeString(s).toString("base64"))).toEqual(fromGo);
  });
});

describe("cookies the sandbox sealed at /callback, opened by FlyteAdmin (Go)", () => {
  it("opens every session cookie with the keys from the sandbox's secret files, and the halves join to the access token", async () => {
    const sandbox = await startAuthSandbox();
    try {
      const { jar, accessToken, idToken } = await signIn(sandbox, "grace");
      const dir = sandbox.sb.ctx.auth!.secrets.dir;
      // The files as FlyteAdmin mounts them: its NewCookieManager decodes them with RawStdEncoding.
      const input = JSON.stringify({
        hashKey: readFileSync(join(dir, "cookie_hash_key"), "utf8"),
        blockKey: readFileSync(join(dir, "cookie_block_key"), "utf8"),
        open: ["flyte_at_1", "flyte_at_2", "flyte_idt", "flyte_user_info"].map((name) => ({ name, cookie: jar.cookies.get(name) })),
      });
      const [at1, at2, idt, info] = (JSON.parse(execFileSync(oracle, { input, encoding: "utf8" })) as OracleAnswer).opened;
      expect(at1.value! + at2.value!).toBe(accessToken);
      expect(at1.value!.length).toBe(Math.floor(accessToken.length / 2));
      expect(idt).toEqual({ value: idToken });
      expect(JSON.parse(info.value!)).toMatchObject({ subject: "grace", name: "Grace Hopper", email: "grace@flyte.example" });
      // And the console, pointed at the same directory, opens them too.
      const consoleKeys = readSessionKeys({ FLYTE_CONSOLE_AUTH_SECRETS_DIR: dir })!;
      expect(openFlyteAdminSession(jar.header(), consoleKeys)).toMatchObject({ kind: "open", accessToken, idToken });
    } finally {
      await sandbox.close();
    }
  });
});
