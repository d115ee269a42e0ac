// GET/HEAD /dataproxy/v1/<ref>?expires=…&signature=…: the objects behind DataProxyService's signed
// links. Like a store's presigned URL: a changed or expired link is 403 with the reason, a valid link
// to nothing (yet) is 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxContext } from "../services/context";
import { verifyLink } from "../services/signedLinks";
import { readStoredObject } from "../services/storedObjects";
import { sendJson } from "./send-json";

export { SIGNED_LINK_PATH_PREFIX } from "../services/signedLinks";

// Decks are HTML written by user code: never let one run scripts or frame itself on this origin.
const OBJECT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

export function createSignedObjectHandler(ctx: SandboxContext): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  return (req, res, url) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return sendJson(res, 405, { error: "method not allowed", message: "signed links answer GET and HEAD only" }, { Allow: "GET, HEAD" });
    }
    const check = verifyLink(ctx, url);
    if (!check.ok) return sendJson(res, 403, { error: "forbidden", message: check.message });
    const object = readStoredObject(ctx, check.ref);
    if (!object) {
      const what = check.ref.kind === "url" ? check.ref.url : `the deck of node ${check.ref.nodeId}`;
      return sendJson(res, 404, { error: "not found", message: `the sandbox holds no object at ${what}` });
    }
    res.writeHead(200, {
      "Content-Type": object.contentType,
      "Content-Length": object.body.byteLength,
      "Content-Security-Policy": OBJECT_CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
    res.end(req.method === "HEAD" ? undefined : object.body);
  };
}
