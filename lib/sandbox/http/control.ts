// The sandbox's own control endpoints: GET/POST /_sandbox/faults and GET/DELETE /_sandbox/stats.
// Only for the machine itself: a loopback peer, no proxy in between, and a JSON content type on
// writes (which a cross-site page cannot send without a CORS preflight that this server never grants).
import type { IncomingMessage, ServerResponse } from "node:http";
import { FaultSettingsError, parseFaultUpdate, type FaultState } from "../faults";
import { sendJson } from "./send-json";

export const CONTROL_PATH_PREFIX = "/_sandbox/";

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === "::1";
}

async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  let text = "";
  for await (const chunk of req) {
    text += (chunk as Buffer).toString("utf8");
    if (text.length > limit) throw new FaultSettingsError("body too large");
  }
  try {
    return text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new FaultSettingsError("body is not valid JSON");
  }
}

export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  faults: FaultState,
): Promise<void> {
  const proxied = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
  if (!isLoopbackAddress(req.socket.remoteAddress) || proxied) {
    return sendJson(res, 403, { error: "the sandbox control endpoints answer loopback clients only" });
  }
  const path = url.pathname;
  if (path === "/_sandbox/faults") {
    if (req.method === "GET") return sendJson(res, 200, faults.view());
    if (req.method !== "POST") return sendJson(res, 405, { error: "use GET or POST" }, { Allow: "GET, POST" });
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") return sendJson(res, 415, { error: "send Content-Type: application/json" });
    try {
      return sendJson(res, 200, faults.update(parseFaultUpdate(await readJson(req))));
    } catch (err) {
      if (err instanceof FaultSettingsError) return sendJson(res, 400, { error: err.message });
      throw err;
    }
  }
  if (path === "/_sandbox/stats") {
    if (req.method === "GET") return sendJson(res, 200, faults.stats.snapshot());
    if (req.method === "DELETE") {
      faults.stats.reset();
      return sendJson(res, 200, faults.stats.snapshot());
    }
    return sendJson(res, 405, { error: "use GET or DELETE" }, { Allow: "GET, DELETE" });
  }
  return sendJson(res, 404, { error: `no control endpoint ${path}` });
}
