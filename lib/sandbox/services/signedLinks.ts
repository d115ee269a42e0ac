// The sandbox's "pre-signed URLs": links to its own stored objects on its HTTP server, signed with an
// HMAC and carrying their expiry, as a cloud store's presigned GET URL does. The key is made per sandbox
// process (a restart invalidates outstanding links, as rotating a store's credentials would).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SandboxContext } from "./context";

export const SIGNED_LINK_PATH_PREFIX = "/dataproxy/v1/";

/** What a link names: a node execution's deck, or an object by its native (storage) URL. */
export type ObjectRef = { kind: "deck"; project: string; domain: string; name: string; nodeId: string } | { kind: "url"; url: string };

const keys = new WeakMap<SandboxContext, Buffer>();

function keyFor(ctx: SandboxContext): Buffer {
  let key = keys.get(ctx);
  if (!key) keys.set(ctx, (key = randomBytes(32)));
  return key;
}

function encodeRef(ref: ObjectRef): string {
  return Buffer.from(JSON.stringify(ref)).toString("base64url");
}

function decodeRef(encoded: string): ObjectRef | undefined {
  try {
    const v = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as Partial<Record<string, unknown>>;
    if (v.kind === "url" && typeof v.url === "string") return { kind: "url", url: v.url };
    const parts = [v.project, v.domain, v.name, v.nodeId];
    if (v.kind === "deck" && parts.every((p) => typeof p === "string")) {
      const [project, domain, name, nodeId] = parts as string[];
      return { kind: "deck", project, domain, name, nodeId };
    }
  } catch {
    // not a ref: the signature check below refuses it anyway
  }
  return undefined;
}

function signature(ctx: SandboxContext, encodedRef: string, expiresMs: number): Buffer {
  return createHmac("sha256", keyFor(ctx)).update(`${encodedRef}\n${expiresMs}`).digest();
}

/** A link to `ref` on the sandbox's HTTP server, valid until `expiresMs` (epoch ms, by ctx.now). */
export function signLink(ctx: SandboxContext, ref: ObjectRef, expiresMs: number): string {
  const encoded = encodeRef(ref);
  const query = new URLSearchParams({ expires: String(expiresMs), signature: signature(ctx, encoded, expiresMs).toString("base64url") });
  return `${ctx.httpBaseUrl.replace(/\/+$/, "")}${SIGNED_LINK_PATH_PREFIX}${encoded}?${query}`;
}

export type LinkCheck = { ok: true; ref: ObjectRef } | { ok: false; message: string };

/** Checks a request path and query against its signature and expiry. */
export function verifyLink(ctx: SandboxContext, url: URL): LinkCheck {
  const encoded = url.pathname.slice(SIGNED_LINK_PATH_PREFIX.length);
  const expiresRaw = url.searchParams.get("expires") ?? "";
  const given = Buffer.from(url.searchParams.get("signature") ?? "", "base64url");
  const expiresMs = /^\d{1,16}$/.test(expiresRaw) ? Number(expiresRaw) : NaN;
  const expected = Number.isFinite(expiresMs) ? signature(ctx, encoded, expiresMs) : undefined;
  const ref = decodeRef(encoded);
  if (!expected || !ref || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, message: "the link's signature does not match: it was changed, or made by another sandbox process" };
  }
  if (ctx.now() >= expiresMs) return { ok: false, message: `the link expired at ${new Date(expiresMs).toISOString()}` };
  return { ok: true, ref };
}
