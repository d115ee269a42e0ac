// Upstream failures become Connect errors a person can act on; no stack traces leave the server.
import { Code, ConnectError } from "@connectrpc/connect";
import type { AdminTlsConfig } from "./config";

const NETWORK_HINTS = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN|socket hang up|session|GOAWAY|closed/i;

// Node's certificate verification codes (OpenSSL's X509_V_ERR_* names) and its TLS/SSL error codes.
const TLS_CODE = /^ERR_(SSL|TLS)_|^UNABLE_TO_|CERT|CRL|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED|HOSTNAME_MISMATCH/;
const UNTRUSTED = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
]);
// Alerts a server sends when it does not accept the client certificate it was given.
const CLIENT_CERT_REJECTED = new Set([
  "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA",
  "ERR_SSL_TLSV1_ALERT_ACCESS_DENIED",
  "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE",
  "ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED",
  "ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED",
  "ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN",
  "ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
]);
const SET_CLIENT_CERT = "set FLYTE_ADMIN_CLIENT_CERT_FILE and FLYTE_ADMIN_CLIENT_KEY_FILE";

/** The first error in the cause chain (connect-node wraps Node's) whose code names a TLS problem. */
function tlsCause(err: unknown): { code: string; reason: string } | undefined {
  const seen = new Set<unknown>();
  for (let e = err; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    const { code, reason } = e as { code?: unknown; reason?: unknown };
    if (typeof code === "string" && TLS_CODE.test(code)) {
      // OpenSSL's `reason` is its message without the file/line noise.
      const text = typeof reason === "string" && reason ? reason : e.message;
      return { code, reason: text.trim().replace(/[\s:]+$/, "") };
    }
  }
  return undefined;
}

/** Says which certificate problem stopped the TLS handshake and which setting fixes it. */
function tlsMessage(code: string, reason: string, endpoint: string, tls: AdminTlsConfig | undefined): string {
  const cert = `the certificate of FlyteAdmin at ${endpoint}`;
  if (UNTRUSTED.has(code)) {
    const fix = tls?.caCertFile
      ? `FLYTE_ADMIN_CA_CERT_FILE=${tls.caCertFile} does not hold the CA that issued it; point it at that CA's bundle`
      : "set FLYTE_ADMIN_CA_CERT_FILE to its CA bundle";
    return `TLS: ${cert} is not trusted (${reason}); ${fix}`;
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `TLS: ${cert} is not issued for that host (${reason}); use a host name the certificate names in FLYTE_ADMIN_ENDPOINT`;
  }
  if (code === "CERT_HAS_EXPIRED") return `TLS: ${cert} has expired; it must be renewed on the server (or this machine's clock is wrong)`;
  if (code === "CERT_NOT_YET_VALID") return `TLS: ${cert} is not valid yet; check this machine's clock`;
  if (code === "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED") {
    return tls?.clientCertFile
      ? `TLS: FlyteAdmin at ${endpoint} requires a client certificate and did not accept FLYTE_ADMIN_CLIENT_CERT_FILE=${tls.clientCertFile} (${reason})`
      : `TLS: FlyteAdmin at ${endpoint} requires a client certificate (mTLS); ${SET_CLIENT_CERT}`;
  }
  if (CLIENT_CERT_REJECTED.has(code)) {
    const which = tls?.clientCertFile ? `the client certificate in FLYTE_ADMIN_CLIENT_CERT_FILE=${tls.clientCertFile}` : "the client certificate";
    return `TLS: FlyteAdmin at ${endpoint} rejected ${which} (${reason}); use a valid one issued by a CA FlyteAdmin trusts`;
  }
  if (code === "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE" && !tls?.clientCertFile) {
    // What a TLS 1.2 server answers when a required client certificate is missing (among other things).
    return `TLS: FlyteAdmin at ${endpoint} refused the handshake (${reason}); if it requires a client certificate, ${SET_CLIENT_CERT}`;
  }
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER") {
    return `TLS: FlyteAdmin at ${endpoint} does not answer TLS on that port (${reason}); for a plaintext endpoint use http:// or FLYTE_ADMIN_INSECURE=true`;
  }
  return `TLS: the handshake with FlyteAdmin at ${endpoint} failed (${reason})`;
}

/** `tls` (the upstream's TLS settings) makes certificate messages say what is already set. */
export function upstreamError(err: unknown, endpoint: string, tls?: AdminTlsConfig): ConnectError {
  const tlsProblem = tlsCause(err);
  if (tlsProblem) return new ConnectError(tlsMessage(tlsProblem.code, tlsProblem.reason, endpoint, tls), Code.Unavailable);
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
