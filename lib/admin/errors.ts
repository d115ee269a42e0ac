// Upstream failures become Connect errors a person can act on; no stack traces leave the server.
import { Code, ConnectError } from "@connectrpc/connect";

const NETWORK_HINTS = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN|socket hang up|session|GOAWAY|closed/i;

export function upstreamError(err: unknown, endpoint: string): ConnectError {
  const ce = ConnectError.from(err);
  if (ce.code === Code.DeadlineExceeded) {
    return new ConnectError(`FlyteAdmin at ${endpoint} did not answer in time`, Code.DeadlineExceeded);
  }
  if (ce.code === Code.Unavailable || (ce.code === Code.Unknown && NETWORK_HINTS.test(ce.rawMessage))) {
    return new ConnectError(`FlyteAdmin at ${endpoint} is unreachable: ${ce.rawMessage}`, Code.Unavailable);
  }
  if (ce.code === Code.Internal || ce.code === Code.Unknown) {
    // Keep FlyteAdmin's own message (it is what the user needs), drop anything else.
    return new ConnectError(ce.rawMessage || "FlyteAdmin failed to answer", ce.code);
  }
  return new ConnectError(ce.rawMessage, ce.code);
}
