// gRPC server reflection (grpc.reflection.v1 and v1alpha), which FlyteAdmin enables so that `grpcurl`
// works without -proto. Built on protobuf-es descriptors rather than @grpc/reflection: that one wants
// a grpc-js Server and a proto-loader package definition, whose files it regroups per package (so
// file names and imports would not match the real flyteidl files), while the descriptors generated
// for the services we serve already carry each original FileDescriptorProto.
import { create, fromBinary, toBinary, type DescFile, type DescService, type MessageInitShape } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import type { ConnectRouter } from "@connectrpc/connect";
import {
  ServerReflection,
  ServerReflectionRequestSchema,
  ServerReflectionResponseSchema,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
} from "@/lib/gen/grpc/reflection/v1/reflection_pb";
import {
  ServerReflection as ServerReflectionAlpha,
  ServerReflectionRequestSchema as AlphaRequestSchema,
  ServerReflectionResponseSchema as AlphaResponseSchema,
} from "@/lib/gen/grpc/reflection/v1alpha/reflection_pb";

const NOT_FOUND = 5;
const INVALID_ARGUMENT = 3;

interface ReflectionIndex {
  services: string[];
  byName: Map<string, DescFile>;
  bySymbol: Map<string, DescFile>;
  extensions: Map<string, Map<number, DescFile>>;
}

function indexFiles(served: DescService[]): ReflectionIndex {
  const byName = new Map<string, DescFile>();
  const bySymbol = new Map<string, DescFile>();
  const extensions = new Map<string, Map<number, DescFile>>();
  const visit = (file: DescFile) => {
    if (byName.has(file.proto.name)) return;
    byName.set(file.proto.name, file);
    file.dependencies.forEach(visit);
    for (const s of file.services) {
      bySymbol.set(s.typeName, file);
      for (const m of s.methods) bySymbol.set(`${s.typeName}.${m.name}`, file);
    }
    for (const e of file.enums) bySymbol.set(e.typeName, file);
    const messages = [...file.messages];
    const exts = [...file.extensions];
    while (messages.length) {
      const m = messages.pop()!;
      bySymbol.set(m.typeName, file);
      for (const f of m.fields) bySymbol.set(`${m.typeName}.${f.name}`, file);
      m.nestedMessages.forEach((n) => messages.push(n));
      for (const e of m.nestedEnums) bySymbol.set(e.typeName, file);
      exts.push(...m.nestedExtensions);
    }
    for (const x of exts) {
      bySymbol.set(x.typeName, file);
      const forType = extensions.get(x.extendee.typeName) ?? new Map<number, DescFile>();
      forType.set(x.number, file);
      extensions.set(x.extendee.typeName, forType);
    }
  };
  served.forEach((s) => visit(s.file));
  return { services: served.map((s) => s.typeName), byName, bySymbol, extensions };
}

/** The file and everything it imports, the file first, as grpc-go answers. */
function withDependencies(file: DescFile): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  const walk = (f: DescFile) => {
    if (seen.has(f.proto.name)) return;
    seen.add(f.proto.name);
    out.push(toBinary(FileDescriptorProtoSchema, f.proto));
    f.dependencies.forEach(walk);
  };
  walk(file);
  return out;
}

type ResponseBody = NonNullable<MessageInitShape<typeof ServerReflectionResponseSchema>["messageResponse"]>;

export function reflectionResponder(served: DescService[]): (req: ServerReflectionRequest) => ServerReflectionResponse {
  const index = indexFiles([...served, ServerReflection, ServerReflectionAlpha]);
  const error = (code: number, errorMessage: string): ResponseBody => ({ case: "errorResponse", value: { errorCode: code, errorMessage } });
  const files = (file: DescFile | undefined, what: string): ResponseBody =>
    file ? { case: "fileDescriptorResponse", value: { fileDescriptorProto: withDependencies(file) } } : error(NOT_FOUND, `${what} not found`);

  const answer = (r: ServerReflectionRequest["messageRequest"]): ResponseBody => {
    switch (r.case) {
      case "listServices":
        return { case: "listServicesResponse", value: { service: index.services.map((name) => ({ name })) } };
      case "fileByFilename":
        return files(index.byName.get(r.value), `file ${r.value}`);
      case "fileContainingSymbol":
        return files(index.bySymbol.get(r.value.replace(/^\./, "")), `symbol ${r.value}`);
      case "fileContainingExtension":
        return files(index.extensions.get(r.value.containingType)?.get(r.value.extensionNumber), `extension ${r.value.extensionNumber} of ${r.value.containingType}`);
      case "allExtensionNumbersOfType": {
        const numbers = index.extensions.get(r.value);
        if (!numbers && !index.bySymbol.has(r.value)) return error(NOT_FOUND, `type ${r.value} not found`);
        return { case: "allExtensionNumbersResponse", value: { baseTypeName: r.value, extensionNumber: [...(numbers?.keys() ?? [])] } };
      }
      default:
        return error(INVALID_ARGUMENT, "no message_request set");
    }
  };
  return (req) => create(ServerReflectionResponseSchema, { validHost: req.host, originalRequest: req, messageResponse: answer(req.messageRequest) });
}

export function reflectionRoutes(served: DescService[]): (router: ConnectRouter) => void {
  const respond = reflectionResponder(served);
  return (router) => {
    router.service(ServerReflection, {
      async *serverReflectionInfo(requests) {
        for await (const req of requests) yield respond(req);
      },
    });
    // v1alpha has the same messages under another package: the same bytes on the wire.
    router.service(ServerReflectionAlpha, {
      async *serverReflectionInfo(requests) {
        for await (const req of requests) {
          const v1 = fromBinary(ServerReflectionRequestSchema, toBinary(AlphaRequestSchema, req));
          yield fromBinary(AlphaResponseSchema, toBinary(ServerReflectionResponseSchema, respond(v1)));
        }
      },
    });
  };
}
