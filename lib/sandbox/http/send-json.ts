// A JSON answer from the sandbox's HTTP server (health, control endpoints, the auth server's documents).
import type { ServerResponse } from "node:http";

export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...extra });
  res.end(body);
}
