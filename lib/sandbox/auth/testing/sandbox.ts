// Test helpers: a sandbox with auth on, started in-process on free ports, and a browser-like sign-in
// (the sign-in page, its form, /callback) over fetch with a small cookie jar.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { IdentityService } from "@/lib/gen/flyteidl/service/identity_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { AuthMetadataService } from "@/lib/gen/flyteidl/service/auth_pb";
import { ACCESS_TOKEN_COOKIE_1, ACCESS_TOKEN_COOKIE_2, ID_TOKEN_COOKIE } from "@/lib/securecookie/flyteadmin-cookies";
import { openSecureCookie } from "@/lib/securecookie/securecookie";
import { sandboxConfig } from "../../config";
import { startSandbox, type RunningSandbox } from "../../server";
import { DEFAULT_AUTHORIZED_URIS, type SandboxAuthConfig } from "../config";
import { parseAllowedHosts } from "@/lib/hosts/allowed-hosts";

/** Cookies as a browser keeps them for one host: set, replaced, and removed when expired. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  add(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const expires = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("expires="));
      if (expires && Date.parse(expires.slice("expires=".length)) <= Date.now()) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export interface AuthSandbox {
  sb: RunningSandbox;
  dir: string;
  admin: (headers?: Record<string, string>) => Client<typeof AdminService>;
  signal: (headers?: Record<string, string>) => Client<typeof SignalService>;
  identity: (headers?: Record<string, string>) => Client<typeof IdentityService>;
  authMetadata: () => Client<typeof AuthMetadataService>;
  close(): Promise<void>;
}

export const PROXIED_HOSTS = ["flyte.internal:8080", "flyte.example.com"];

export async function startAuthSandbox(auth: Partial<SandboxAuthConfig> | "off" = {}): Promise<AuthSandbox> {
  const dir = mkdtempSync(path.join(tmpdir(), "sbx-auth-"));
  const base = { ...sandboxConfig({}), grpcPort: 0, httpPort: 0, dataDir: dir, seed: false };
  const config = {
    ...base,
    auth:
      auth === "off"
        ? undefined
        : { secretsDir: path.join(dir, "auth"), tokenTtlMs: 3_600_000, testMode: true, authorizedUris: DEFAULT_AUTHORIZED_URIS, ...auth },
  };
  // The names the tests' pretend ingress forwards (X-Forwarded-Host), as a deployment would list them.
  const allowedHosts = parseAllowedHosts(PROXIED_HOSTS.join(","), "FLYTE_SANDBOX_ALLOWED_HOSTS", config.auth?.authorizedUris ?? []);
  const sb = await startSandbox({ ...config, allowedHosts }, { executor: false });
  const transport = (headers: Record<string, string> = {}) =>
    createGrpcTransport({
      baseUrl: sb.grpcUrl,
      interceptors: [
        (next) => (req) => {
          for (const [k, v] of Object.entries(headers)) req.header.set(k, v);
          return next(req);
        },
      ],
    });
  return {
    sb,
    dir,
    admin: (h) => createClient(AdminService, transport(h)),
    signal: (h) => createClient(SignalService, transport(h)),
    identity: (h) => createClient(IdentityService, transport(h)),
    authMetadata: () => createClient(AuthMetadataService, transport()),
    async close() {
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  jar: CookieJar;
  /** The /callback response (a redirect that sets the session cookies). */
  callback: Response;
  accessToken: string;
  idToken: string;
}

/** A browser's sign-in: /login?redirect_url=, the page's form for `user`, then /callback with the cookies. */
export async function signIn(sandbox: AuthSandbox, user: string, options: { redirectUrl?: string; ttlSeconds?: number } = {}): Promise<SignedIn> {
  const http = sandbox.sb.httpUrl;
  const jar = new CookieJar();
  const query = options.redirectUrl === undefined ? "" : `?redirect_url=${encodeURIComponent(options.redirectUrl)}`;
  const page = await fetch(`${http}/login${query}`, { redirect: "manual" });
  if (page.status !== 200) throw new Error(`/login answered ${page.status}`);
  jar.add(page.headers.getSetCookie());
  const state = /name="state" value="([0-9a-f]+)"/.exec(await page.text())?.[1];
  if (!state) throw new Error("the sign-in page has no state");
  const form = new URLSearchParams({ state, user });
  if (options.ttlSeconds !== undefined) form.set("ttl_seconds", String(options.ttlSeconds));
  const chosen = await fetch(`${http}/login`, { method: "POST", body: form, redirect: "manual", headers: { cookie: jar.header() } });
  if (chosen.status !== 303) throw new Error(`POST /login answered ${chosen.status}: ${await chosen.text()}`);
  const callback = await fetch(new URL(chosen.headers.get("location")!, http), { redirect: "manual", headers: { cookie: jar.header() } });
  jar.add(callback.headers.getSetCookie());
  const keys = sandbox.sb.ctx.auth!.secrets.cookieKeys;
  const opened = (name: string) => openSecureCookie(name, jar.cookies.get(name) ?? "", keys);
  return {
    jar,
    callback,
    accessToken: opened(ACCESS_TOKEN_COOKIE_1) + opened(ACCESS_TOKEN_COOKIE_2),
    idToken: opened(ID_TOKEN_COOKIE),
  };
}
