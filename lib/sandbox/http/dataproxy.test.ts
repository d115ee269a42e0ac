// DataProxyService through the real sandbox server, over gRPC and REST (/api/v1/dataproxy/..., /api/v1/data),
// and the signed links it hands out, served by the sandbox's HTTP server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, fromBinary, fromJson, toJson } from "@bufbuild/protobuf";
import { timestampFromMs, timestampMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LiteralMapSchema, LiteralSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { NodeExecution_Phase as NP, TaskExecution_Phase as TP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType, type NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ArtifactType, DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { sandboxConfig } from "../config";
import { startSandbox, type RunningSandbox } from "../server";
import { insertExecution } from "../store/executions";
import { makeExecution } from "../services/testing/builders";

const dir = mkdtempSync(path.join(tmpdir(), "sbx-dataproxy-"));
let clock = Date.UTC(2024, 5, 1, 12);
let sb: RunningSandbox;
let admin: Client<typeof AdminService>;
let proxy: Client<typeof DataProxyService>;

const executionId = { project: "flytesnacks", domain: "development", name: "deckrun" };
const withDeck: NodeExecutionIdentifier = { $typeName: "flyteidl.core.NodeExecutionIdentifier", nodeId: "n0", executionId: { ...executionId, org: "", $typeName: "flyteidl.core.WorkflowExecutionIdentifier" } };
const withoutDeck = { ...withDeck, nodeId: "n1" };
const int = (n: number) => fromJson(LiteralSchema, { scalar: { primitive: { integer: String(n) } } });

beforeAll(async () => {
  const config = { ...sandboxConfig({}), grpcPort: 0, httpPort: 0, dataDir: dir, seed: false };
  sb = await startSandbox(config, { executor: false, now: () => clock });
  const transport = createGrpcTransport({ baseUrl: sb.grpcUrl });
  admin = createClient(AdminService, transport);
  proxy = createClient(DataProxyService, transport);
  insertExecution(sb.ctx.db, makeExecution({ name: executionId.name, phase: WP.RUNNING, createdMs: clock }));
  for (const [id, deckUri] of [[withDeck, "s3://flyte-sandbox/metadata/deckrun/n0/deck.html"], [withoutDeck, ""]] as const) {
    await admin.createNodeEvent({
      requestId: `${id.nodeId}-done`,
      event: {
        id,
        phase: NP.SUCCEEDED,
        occurredAt: timestampFromMs(clock),
        producerId: "propeller",
        inputValue: { case: "inputData", value: { literals: { x: int(3) } } },
        outputResult: { case: "outputData", value: { literals: { o0: int(41), o1: int(42) } } },
        deckUri,
      },
    });
  }
  const taskId = { resourceType: ResourceType.TASK, project: "flytesnacks", domain: "development", name: "core.t", version: "v1" };
  await admin.createTaskEvent({
    event: {
      taskId,
      parentNodeExecutionId: withDeck,
      retryAttempt: 0,
      phase: TP.SUCCEEDED,
      producerId: "propeller",
      occurredAt: timestampFromMs(clock),
      inputValue: { case: "inputData", value: { literals: { x: int(3) } } },
      outputResult: { case: "outputData", value: { literals: { o0: int(7) } } },
    },
  });
});
afterAll(async () => {
  await sb?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function grpcError(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (err) {
    return ConnectError.from(err);
  }
  throw new Error("expected the call to fail");
}

const restLink = (body: unknown) =>
  fetch(`${sb.httpUrl}/api/v1/dataproxy/artifact_link`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("CreateDownloadLink (flyteadmin/dataproxy/service.go)", () => {
  it("answers a signed link to a node's deck over gRPC, valid for FlyteAdmin's default (and maximum) hour, that serves the deck", async () => {
    const res = await proxy.createDownloadLink({ artifactType: ArtifactType.DECK, source: { case: "nodeExecutionId", value: withDeck } });
    expect(res.preSignedUrls?.signedUrl).toHaveLength(1);
    expect(res.signedUrl).toEqual(res.preSignedUrls?.signedUrl);
    expect(timestampMs(res.preSignedUrls!.expiresAt!)).toBe(clock + 3_600_000);
    expect(timestampMs(res.expiresAt!)).toBe(clock + 3_600_000);
    const link = res.preSignedUrls!.signedUrl[0];
    expect(link.startsWith(sb.httpUrl)).toBe(true);
    const deck = await fetch(link);
    expect(deck.status).toBe(200);
    expect(deck.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await deck.text();
    expect(html).toContain("n0");
    expect(html).toContain("42");
  });

  it("answers over REST (POST /api/v1/dataproxy/artifact_link) and honours expires_in", async () => {
    const res = await restLink({
      artifact_type: "ARTIFACT_TYPE_DECK",
      expires_in: "60s",
      node_execution_id: { node_id: "n0", execution_id: executionId },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { signed_url: string[]; expires_at: string; pre_signed_urls: { signed_url: string[]; expires_at: string } };
    expect(Date.parse(body.pre_signed_urls.expires_at)).toBe(clock + 60_000);
    expect(body.signed_url).toEqual(body.pre_signed_urls.signed_url);
    expect((await fetch(body.pre_signed_urls.signed_url[0])).status).toBe(200);
  });

  it("refuses an expiry beyond FlyteAdmin's maximum of an hour, a negative one, and a request without an artifact type or a source", async () => {
    const tooLong = await grpcError(
      proxy.createDownloadLink({ artifactType: ArtifactType.DECK, expiresIn: { seconds: 7200n }, source: { case: "nodeExecutionId", value: withDeck } }),
    );
    expect(tooLong.code).toBe(Code.InvalidArgument);
    expect(tooLong.rawMessage).toContain("cannot exceed max allowed expiration [1h0m0s]");
    const negative = await grpcError(
      proxy.createDownloadLink({ artifactType: ArtifactType.DECK, expiresIn: { seconds: -5n }, source: { case: "nodeExecutionId", value: withDeck } }),
    );
    expect(negative.rawMessage).toContain("should not less than 0");
    const untyped = await grpcError(proxy.createDownloadLink({ source: { case: "nodeExecutionId", value: withDeck } }));
    expect(untyped.code).toBe(Code.InvalidArgument);
    expect(untyped.rawMessage).toContain("invalid artifact type [ARTIFACT_TYPE_UNDEFINED]");
    const sourceless = await grpcError(proxy.createDownloadLink({ artifactType: ArtifactType.DECK }));
    expect(sourceless.rawMessage).toContain("source is required");
    const rest = await restLink({ artifact_type: "ARTIFACT_TYPE_DECK", expires_in: "7200s", node_execution_id: { node_id: "n0", execution_id: executionId } });
    expect(rest.status).toBe(400);
    expect(((await rest.json()) as { message: string }).message).toContain("cannot exceed max allowed expiration");
  });

  it("answers FlyteAdmin's errors for an unknown node execution (InvalidArgument naming it) and a node without a deck (Internal)", async () => {
    const unknown = await grpcError(
      proxy.createDownloadLink({ artifactType: ArtifactType.DECK, source: { case: "nodeExecutionId", value: { ...withDeck, nodeId: "nope" } } }),
    );
    expect(unknown.code).toBe(Code.InvalidArgument);
    expect(unknown.rawMessage).toContain("failed to find node execution");
    expect(unknown.rawMessage).toContain("nope");
    const noDeck = await grpcError(proxy.createDownloadLink({ artifactType: ArtifactType.DECK, source: { case: "nodeExecutionId", value: withoutDeck } }));
    expect(noDeck.code).toBe(Code.Internal);
    expect(noDeck.rawMessage).toContain("no deckUrl found for request");
  });

  it("refuses an expired link and a tampered one with 403 and a message", async () => {
    const res = await proxy.createDownloadLink({ artifactType: ArtifactType.DECK, expiresIn: { seconds: 30n }, source: { case: "nodeExecutionId", value: withDeck } });
    const link = new URL(res.preSignedUrls!.signedUrl[0]);
    const tampered = new URL(link);
    const sig = tampered.searchParams.get("signature")!;
    tampered.searchParams.set("signature", (sig[0] === "A" ? "B" : "A") + sig.slice(1));
    const forged = await fetch(tampered);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("signature");
    const later = new URL(link);
    later.searchParams.set("expires", String(Number(link.searchParams.get("expires")) + 3_600_000));
    expect((await fetch(later)).status).toBe(403);

    clock += 31_000;
    try {
      const expired = await fetch(link);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain("expired");
    } finally {
      clock -= 31_000;
    }
  });
});

describe("CreateDownloadLocation (deprecated) and CreateUploadLocation", () => {
  it("signs a native URL the sandbox holds: a node's offloaded outputs, served as the binary LiteralMap", async () => {
    const node = await admin.getNodeExecution({ id: withDeck });
    expect(node.closure?.outputResult.case).toBe("outputUri");
    const nativeUrl = node.closure!.outputResult.value as string;
    const res = await proxy.createDownloadLocation({ nativeUrl, expiresIn: { seconds: 120n } });
    expect(timestampMs(res.expiresAt!)).toBe(clock + 120_000);
    const blob = await fetch(res.signedUrl);
    expect(blob.status).toBe(200);
    const outputs = fromBinary(LiteralMapSchema, new Uint8Array(await blob.arrayBuffer()));
    expect(toJson(LiteralMapSchema, outputs)).toEqual({ literals: { o0: { scalar: { primitive: { integer: "41" } } }, o1: { scalar: { primitive: { integer: "42" } } } } });
    const rest = await fetch(`${sb.httpUrl}/api/v1/dataproxy/artifact_urn?native_url=${encodeURIComponent("s3://elsewhere/x.pb")}`, { headers: { Accept: "application/json" } });
    expect(rest.status).toBe(200);
    const missing = await fetch(((await rest.json()) as { signed_url: string }).signed_url);
    expect(missing.status).toBe(404);
  });

  it("answers Unimplemented, with a message, for uploads", async () => {
    const err = await grpcError(proxy.createUploadLocation({ project: "flytesnacks", domain: "development", filenameRoot: "x" }));
    expect(err.code).toBe(Code.Unimplemented);
    expect(err.rawMessage).toContain("upload");
  });
});

describe("GetData (flyte://v1/<project>/<domain>/<execution>/<node>[/<attempt>]/<i|o|d>[/<name>])", () => {
  const base = `flyte://v1/flytesnacks/development/deckrun/n0`;

  it("answers a node's inputs and outputs as a literal map, and one output by name as a literal", async () => {
    const outputs = await proxy.getData({ flyteUrl: `${base}/o` });
    expect(outputs.data.case).toBe("literalMap");
    expect(Object.keys((outputs.data.value as { literals: object }).literals).sort()).toEqual(["o0", "o1"]);
    const inputs = await proxy.getData({ flyteUrl: `${base}/i` });
    expect(toJson(LiteralMapSchema, create(LiteralMapSchema, inputs.data.value as object))).toEqual({ literals: { x: { scalar: { primitive: { integer: "3" } } } } });
    const one = await proxy.getData({ flyteUrl: `${base}/o/o1` });
    expect(one.data.case).toBe("literal");
  });

  it("answers a task attempt's data, and a deck link for the node", async () => {
    const attempt = await proxy.getData({ flyteUrl: `${base}/0/o` });
    expect(attempt.data.case).toBe("literalMap");
    expect(Object.keys((attempt.data.value as { literals: object }).literals)).toEqual(["o0"]);
    const deck = await proxy.getData({ flyteUrl: `${base}/d` });
    expect(deck.data.case).toBe("preSignedUrls");
    const attemptDeck = await grpcError(proxy.getData({ flyteUrl: `${base}/0/d` }));
    expect(attemptDeck.rawMessage).toContain("deck type cannot be specified with a retry attempt");
  });

  it("answers over REST (GET /api/v1/data?flyte_url=...) in FlyteAdmin's JSON", async () => {
    const res = await fetch(`${sb.httpUrl}/api/v1/data?flyte_url=${encodeURIComponent(`${base}/o/o0`)}`, { headers: { Accept: "application/json" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ literal: { scalar: { primitive: { integer: "41" } } } });
  });

  it("refuses a malformed URL, an unknown name and an attempt that never ran with InvalidArgument", async () => {
    for (const [flyteUrl, message] of [
      ["s3://bucket/x", "does not start with the correct prefix"],
      ["flyte://v1/flytesnacks/development/deckrun/n0/x", "failed to parse"],
      [`${base}/o/nope`, "name [nope] not found in node execution"],
      [`${base}/3/o`, "no task executions were listed"],
    ]) {
      const err = await grpcError(proxy.getData({ flyteUrl }));
      expect(err.code, flyteUrl).toBe(Code.InvalidArgument);
      expect(err.rawMessage, flyteUrl).toContain(message);
    }
  });
});
