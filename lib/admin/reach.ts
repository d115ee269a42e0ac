// Can a new TCP connection reach FlyteAdmin's host and port? Tells a FlyteAdmin that is slow to answer
// (it accepts connections) from one that is not there at all (refused, unknown host, no answer to SYN).
import { connect } from "node:net";

export type Reach = { ok: true } | { ok: false; reason: string };

const DEFAULT_PORT: Record<string, number> = { "http:": 80, "https:": 443 };

export function tcpReach(baseUrl: string, timeoutMs: number): Promise<Reach> {
  const url = new URL(baseUrl);
  const port = Number(url.port) || DEFAULT_PORT[url.protocol] || 80;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reach: Reach) => {
      socket.destroy();
      resolve(reach);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, reason: `no TCP connection to ${host}:${port} within ${timeoutMs / 1000} s` }));
    socket.once("connect", () => done({ ok: true }));
    socket.once("error", (err: NodeJS.ErrnoException) => done({ ok: false, reason: `${err.code ?? "error"}: ${err.message}` }));
  });
}
