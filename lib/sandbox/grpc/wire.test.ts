// The sandbox's gRPC port as a client no one here wrote sees it: @grpc/grpc-js (and node's own http2 for
// the raw trailers). Server reflection answers as FlyteAdmin's (grpc-go) does, so `grpcurl` needs no
// -proto; error messages are percent-encoded only where the gRPC spec says.
import { mkdtempSync, rmSync } from "node:fs";
import http2 from "node:http2";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { ObjectGetRequestSchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { WorkflowExecutionGetRequestSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { sandboxConfig } from "../config";
import { startSandbox, type RunningSandbox } from "../server";
import { encodeGrpcMessage } from "./message-encoding";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "sbx-wire-"));
let sb: RunningSandbox;

beforeAll(async () => {
  sb = await startSandbox({ ...sandboxConfig({}), grpcPort: 0, httpPort: 0, dataDir: dir, seed: false }, { executor: false });
});
afterAll(async () => {
  await sb?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Obj = Record<string, unknown>;
const address = () => `127.0.0.1:${sb.grpcPort}`;

function reflectionClient(version: "v1" | "v1alpha") {
  const def = protoLoader.loadSync(`grpc/reflection/${version}/reflection.proto`, {
    includeDirs: [path.join(repoRoot, "node_modules/@grpc/reflection/build/proto")],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as { grpc: { reflection: Record<string, { ServerReflection: grpc.ServiceClientConstructor }> } };
  return new pkg.grpc.reflection[version].ServerReflection(address(), grpc.credentials.createInsecure());
}

/** One request on the bidi stream, one answer. */
function ask(client: grpc.Client, req: Obj): Promise<Obj> {
  return new Promise((resolve, reject) => {
    const call = (client as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<Obj, Obj> }).ServerReflectionInfo();
    call.once("data", (res: Obj) => {
      resolve(res);
      call.end();
    });
    call.once("error", reject);
    call.write(req);
  });
}

describe("server reflection", () => {
  it.each(["v1", "v1alpha"] as const)("%s: lists the services, then describes AdminService from the real flyteidl file", async (version) => {
    const client = reflectionClient(version);
    try {
      const list = await ask(client, { list_services: "*" });
      const names = ((list.list_services_response as Obj).service as { name: string }[]).map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(["flyteidl.service.AdminService", "flyteidl.service.SignalService", "grpc.reflection.v1.ServerReflection"]));

      const res = await ask(client, { file_containing_symbol: "flyteidl.service.AdminService" });
      const blobs = (res.file_descriptor_response as { file_descriptor_proto: Buffer[] }).file_descriptor_proto;
      const files = blobs.map((b) => fromBinary(FileDescriptorProtoSchema, b));
      expect(files[0].name).toBe("flyteidl/service/admin.proto");
      const admin = files[0].service.find((s) => s.name === "AdminService")!;
      expect(admin.method.map((m) => m.name)).toEqual(expect.arrayContaining(["CreateTask", "GetExecution", "ListExecutions"]));
      // every import is there too, so a client can build the types without anything else
      const names2 = new Set(files.map((f) => f.name));
      for (const f of files) for (const d of f.dependency) expect(names2.has(d), `${f.name} imports ${d}`).toBe(true);

      const byName = await ask(client, { file_by_filename: "flyteidl/admin/execution.proto" });
      const first = fromBinary(FileDescriptorProtoSchema, (byName.file_descriptor_response as { file_descriptor_proto: Buffer[] }).file_descriptor_proto[0]);
      expect(first.messageType.map((m) => m.name)).toContain("ExecutionClosure");

      const missing = await ask(client, { file_containing_symbol: "no.such.Symbol" });
      expect(missing.error_response).toMatchObject({ error_code: grpc.status.NOT_FOUND });
    } finally {
      client.close();
    }
  });
});

/** A raw gRPC unary call over node's http2: the trailers exactly as sent. */
function rawCall(pathName: string, body: Uint8Array): Promise<http2.IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://${address()}`);
    const stream = session.request({ ":method": "POST", ":path": pathName, "content-type": "application/grpc", te: "trailers" });
    const frame = Buffer.alloc(5 + body.length);
    frame.writeUInt32BE(body.length, 1);
    Buffer.from(body).copy(frame, 5);
    let headers: http2.IncomingHttpHeaders = {};
    stream.on("response", (h) => (headers = h));
    stream.on("trailers", (t) => {
      resolve({ ...headers, ...t });
      session.close();
    });
    stream.on("error", reject);
    stream.resume();
    stream.end(frame);
  });
}

describe("grpc-message", () => {
  const id = { project: "flytesnacks", domain: "development", name: "nö:such 100%" };
  const expected = "execution flytesnacks/development/nö:such 100% not found";

  it("is percent-encoded only outside 0x20–0x7E and for '%', as grpc-go (FlyteAdmin) writes it", async () => {
    const trailers = await rawCall("/flyteidl.service.AdminService/GetExecution", toBinary(WorkflowExecutionGetRequestSchema, create(WorkflowExecutionGetRequestSchema, { id })));
    expect(trailers["grpc-status"]).toBe(String(grpc.status.NOT_FOUND));
    expect(trailers["grpc-message"]).toBe("execution flytesnacks/development/n%C3%B6:such 100%25 not found");
    expect(trailers["grpc-message"]).toBe(encodeGrpcMessage(expected));
  });

  it("decodes in grpc-js to the message itself", async () => {
    const trailers = await rawCall("/flyteidl.service.AdminService/GetTask", toBinary(ObjectGetRequestSchema, create(ObjectGetRequestSchema, {})));
    expect(trailers["grpc-status"]).toBe(String(grpc.status.INVALID_ARGUMENT));
    expect(String(trailers["grpc-message"])).not.toMatch(/%20/);
    const def = protoLoader.loadSync("flyteidl/service/admin.proto", {
      includeDirs: [path.join(repoRoot, "node_modules/@flyteorg/flyteidl/protos"), path.join(repoRoot, "proto/vendor")],
      keepCase: true,
    });
    const Admin = (grpc.loadPackageDefinition(def) as unknown as { flyteidl: { service: { AdminService: grpc.ServiceClientConstructor } } }).flyteidl.service.AdminService;
    const client = new Admin(address(), grpc.credentials.createInsecure());
    try {
      const err = await new Promise<grpc.ServiceError>((resolve) =>
        (client as unknown as { GetExecution(r: Obj, cb: (e: grpc.ServiceError) => void): void }).GetExecution({ id }, resolve),
      );
      expect(err.details).toBe(expected);
    } finally {
      client.close();
    }
  });
});
