// Bodies and errors as FlyteAdmin's grpc-gateway mux writes them. Its marshalers: binary protobuf
// for application/octet-stream; for application/json, proto field names with unpopulated fields emitted
// (EmitUnpopulated: defaults, [], {}, and null for an unset message; unknown fields refused on input);
// otherwise grpc-gateway's default, lowerCamelCase names, unpopulated fields emitted the same way
// (unknown fields ignored on input). Content-Type picks the inbound marshaler,
// Accept the outbound one, falling back to the inbound.
import {
  createRegistry,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescFile,
  type DescMessage,
  type DescService,
  type JsonValue,
  type MessageShape,
  type Registry,
} from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { emitUnpopulatedMessages } from "./json-unpopulated";

export interface Marshaler {
  readonly contentType: string;
  decode<D extends DescMessage>(schema: D, body: Uint8Array): MessageShape<D>;
  encode<D extends DescMessage>(schema: D, message: MessageShape<D>): Uint8Array;
}

const BINARY_TYPES = ["application/octet-stream", "application/x-protobuf"];

function jsonMarshaler(registry: Registry, protoNames: boolean, ignoreUnknownFields: boolean): Marshaler {
  return {
    contentType: "application/json",
    decode(schema, body) {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
      if (text.trim() === "") return fromJson(schema, {}, { registry });
      return fromJson(schema, JSON.parse(text) as JsonValue, { registry, ignoreUnknownFields });
    },
    encode(schema, message) {
      const json = toJson(schema, message, { registry, useProtoFieldName: protoNames, alwaysEmitImplicit: true });
      return new TextEncoder().encode(JSON.stringify(emitUnpopulatedMessages(schema, message, json, registry, protoNames)));
    },
  };
}

function binaryMarshaler(contentType: string): Marshaler {
  return {
    contentType,
    decode: (schema, body) => fromBinary(schema, body),
    encode: (schema, message) => toBinary(schema, message),
  };
}

function collectFiles(file: DescFile, into: Set<DescFile>): void {
  if (into.has(file)) return;
  into.add(file);
  for (const dep of file.dependencies) collectFiles(dep, into);
}

/** A registry of every type the services can carry, so google.protobuf.Any works in JSON. */
export function registryFor(services: readonly DescService[]): Registry {
  const files = new Set<DescFile>();
  for (const s of services) collectFiles(s.file, files);
  return createRegistry(...files);
}

export interface Marshalers {
  inbound: Marshaler;
  outbound: Marshaler;
}

export function mediaType(value: string): string {
  return value.split(";")[0].trim().toLowerCase();
}

export function createMarshalers(registry: Registry): (headers: { contentType?: string; accept?: string }) => Marshalers {
  const byType = new Map<string, Marshaler>([
    ["application/json", jsonMarshaler(registry, true, false)],
    ...BINARY_TYPES.map((t) => [t, binaryMarshaler(t)] as [string, Marshaler]),
  ]);
  const fallback = jsonMarshaler(registry, false, true);
  return ({ contentType, accept }) => {
    const inbound = (contentType && byType.get(mediaType(contentType))) || fallback;
    const outbound =
      accept
        ?.split(",")
        .map(mediaType)
        .map((t) => byType.get(t))
        .find((m) => m !== undefined) ?? inbound;
    return { inbound, outbound };
  };
}

/** grpc-gateway's HTTPStatusFromCode. */
export function httpStatusFromCode(code: Code): number {
  switch (code) {
    case Code.Canceled:
      return 408;
    case Code.Unknown:
      return 500;
    case Code.InvalidArgument:
      return 400;
    case Code.DeadlineExceeded:
      return 504;
    case Code.NotFound:
      return 404;
    case Code.AlreadyExists:
      return 409;
    case Code.PermissionDenied:
      return 403;
    case Code.Unauthenticated:
      return 401;
    case Code.ResourceExhausted:
      return 429;
    case Code.FailedPrecondition:
      return 400;
    case Code.Aborted:
      return 409;
    case Code.OutOfRange:
      return 400;
    case Code.Unimplemented:
      return 501;
    case Code.Internal:
      return 500;
    case Code.Unavailable:
      return 503;
    case Code.DataLoss:
      return 500;
    default:
      return 500;
  }
}

/** The error body of FlyteAdmin's gateway: `{error, code, message, details}`. */
export function errorBody(err: unknown): { status: number; body: string } {
  const ce = ConnectError.from(err);
  const message = ce.rawMessage;
  return {
    status: httpStatusFromCode(ce.code),
    body: JSON.stringify({ error: message, code: ce.code, message, details: [] }),
  };
}
