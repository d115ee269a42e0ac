// Messages passed along in binary without being parsed. A big message (a 5,000-node workflow closure is
// 700 KB) costs hundreds of milliseconds to decode and encode field by field with protobuf-es, and the
// BFF or the sandbox only hands it on. Read as google.protobuf.Empty, every top-level field is kept as
// raw unknown bytes, and toBinary writes them back unchanged, so the bytes that leave are the bytes that
// came in. Only for binary replies: JSON serialization does not see unknown fields.
import { create, fromBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";

/** A message of `schema` whose fields are all still the raw bytes of `carrier` (anything read with readUnknownFields). */
export function opaqueFrom<D extends DescMessage>(schema: D, carrier: { $unknown?: MessageShape<D>["$unknown"] }): MessageShape<D> {
  const message = create(schema);
  message.$unknown = carrier.$unknown;
  return message;
}

/** `bytes`, a serialized message of `schema`, as that message without parsing its fields. */
export function opaqueMessage<D extends DescMessage>(schema: D, bytes: Uint8Array): MessageShape<D> {
  return opaqueFrom(schema, fromBinary(EmptySchema, bytes));
}

/** Whether a Connect, gRPC or gRPC-web request (by its Content-Type) is answered in protobuf binary. */
export function answersInBinary(headers: Headers): boolean {
  const type = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return /^application\/(proto|connect\+proto|grpc|grpc\+proto|grpc-web|grpc-web\+proto)$/.test(type);
}
