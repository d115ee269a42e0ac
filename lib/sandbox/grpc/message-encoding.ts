// The grpc-message trailer as the gRPC spec (doc/PROTOCOL-HTTP2.md) and grpc-go, hence FlyteAdmin, write
// it: percent-encoded UTF-8 only for bytes outside 0x20–0x7E and for '%'. connect-node writes it with
// encodeURIComponent (spaces, '/', ':' … encoded too). Conforming clients decode either to the same text,
// but tools that print the raw trailer, and byte-for-byte comparisons with FlyteAdmin, see the difference.
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { OutgoingHttpHeaders } from "node:http";

export function encodeGrpcMessage(message: string): string {
  let out = "";
  for (const b of Buffer.from(message, "utf8")) {
    out += b >= 0x20 && b <= 0x7e && b !== 0x25 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function respec(value: string): string {
  try {
    return encodeGrpcMessage(decodeURIComponent(value));
  } catch {
    return value;
  }
}

type Handler = (req: Http2ServerRequest, res: Http2ServerResponse) => void;

/** Wraps connect-node's handler so the grpc-message it writes (trailer, or header of a trailers-only answer) follows the spec. */
export function withSpecGrpcMessage(handler: Handler): Handler {
  return (req, res) => {
    const fix = (headers: OutgoingHttpHeaders) => {
      for (const key of Object.keys(headers)) {
        const v = headers[key];
        if (key.toLowerCase() === "grpc-message" && typeof v === "string") headers[key] = respec(v);
      }
      return headers;
    };
    const addTrailers = res.addTrailers.bind(res);
    res.addTrailers = (headers) => addTrailers(fix({ ...(headers as OutgoingHttpHeaders) }));
    const writeHead = res.writeHead.bind(res) as (status: number, headers?: OutgoingHttpHeaders) => Http2ServerResponse;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      const headers = rest.find((r) => typeof r === "object" && r !== null) as OutgoingHttpHeaders | undefined;
      return writeHead(status, headers ? fix({ ...headers }) : undefined);
    }) as Http2ServerResponse["writeHead"];
    handler(req, res);
  };
}
