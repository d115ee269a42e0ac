// FlyteAdmin's remoteData limit as the sandbox plays it (signed URLs on): node data of maxSizeInBytes or more
// comes back from GetNodeExecutionData as a signed URL and a size, and GetData (which reads through the same
// manager in FlyteAdmin) answers it empty; the files simulated tasks write can be downloaded through
// CreateDownloadLocation; a deck carries its own script.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBinary, fromJson, toJson } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LiteralMapSchema, LiteralSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { NodeExecution_Phase as NP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import type { NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ArtifactType, DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { sandboxConfig } from "../config";
import { startSandbox, type RunningSandbox } from "../server";
import { insertExecution } from "../store/executions";
import { makeExecution } from "../services/testing/builders";

const dir = mkdtempSync(path.join(tmpdir(), "sbx-remote-data-"));
const clock = Date.UTC(2024, 5, 1, 12);
let sb: RunningSandbox;
let admin: Client<typeof AdminService>;
let proxy: Client<typeof DataProxyService>;

const nodeId = (id: string): NodeExecutionIdentifier => ({
  $typeName: "flyteidl.core.NodeExecutionIdentifier",
  nodeId: id,
  executionId: { $typeName: "flyteidl.core.WorkflowExecutionIdentifier", org: "", project: "flytesnacks", domain: "development", name: "bigrun" },
});
const str = (s: string) => fromJson(LiteralSchema, { scalar: { primitive: { stringValue: s } } });
const big = "x".repeat(300);

beforeAll(async () => {
  const config = { ...sandboxConfig({ FLYTE_SANDBOX_MAX_DATA_BYTES: "256" }), grpcPort: 0, httpPort: 0, dataDir: dir, seed: false };
  sb = await startSandbox(config, { executor: false, now: () => clock });
  const transport = createGrpcTransport({ baseUrl: sb.grpcUrl });
  admin = createClient(AdminService, transport);
  proxy = createClient(DataProxyService, transport);
  insertExecution(sb.ctx.db, makeExecution({ name: "bigrun", phase: WP.RUNNING, createdMs: clock }));
  for (const [id, input, output, deckUri] of [
    ["small", "a", "b", ""],
    ["large", "a", big, "s3://flyte-sandbox/metadata/propeller/bigrun/large/data/0/deck.html"],
  ] as const) {
    await admin.createNodeEvent({
      requestId: `${id}-done`,
      event: {
        id: nodeId(id),
        phase: NP.SUCCEEDED,
        occurredAt: timestampFromMs(clock),
        producerId: "propeller",
        inputValue: { case: "inputData", value: { literals: { text: str(input) } } },
        outputResult: { case: "outputData", value: { literals: { o0: str(output) } } },
        deckUri,
      },
    });
  }
});
afterAll(async () => {
  await sb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("GetNodeExecutionData with FlyteAdmin's size limit", () => {
  it("answers small data inline, without a URL", async () => {
    const data = await admin.getNodeExecutionData({ id: nodeId("small") });
    expect(Object.keys(data.fullOutputs?.literals ?? {})).toEqual(["o0"]);
    expect(data.outputs?.url ?? "").toBe("");
  });

  it("answers data over the limit as a signed URL and its size only; the URL serves the LiteralMap", async () => {
    const data = await admin.getNodeExecutionData({ id: nodeId("large") });
    expect(Object.keys(data.fullOutputs?.literals ?? {})).toEqual([]);
    expect(Object.keys(data.fullInputs?.literals ?? {})).toEqual(["text"]);
    const blob = data.outputs!;
    expect(blob.url).toMatch(new RegExp(`^${sb.httpUrl}/dataproxy/v1/`));
    const res = await fetch(blob.url);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(BigInt(bytes.length)).toBe(blob.bytes);
    expect(toJson(LiteralMapSchema, fromBinary(LiteralMapSchema, bytes))).toEqual({ literals: { o0: { scalar: { primitive: { stringValue: big } } } } });
  });

  it("GetData answers the offloaded map empty, as FlyteAdmin's does", async () => {
    const res = await proxy.getData({ flyteUrl: "flyte://v1/flytesnacks/development/bigrun/large/o" });
    expect(res.data.case).toBe("literalMap");
    expect(Object.keys((res.data.value as { literals: object }).literals)).toEqual([]);
  });
});

describe("objects behind signed links", () => {
  it("serves a file a simulated task wrote, the same on every read; a directory is no object", async () => {
    const uri = "s3://flyte-sandbox/data/0badcafe/amber.csv";
    const link = await proxy.createDownloadLocation({ nativeUrl: uri });
    const first = await fetch(link.signedUrl);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await first.text();
    expect(text.split("\n")[0]).toBe("id,name,value");
    expect(text.trim().split("\n")).toHaveLength(6);
    expect(await (await fetch(link.signedUrl)).text()).toBe(text);
    const dirLink = await proxy.createDownloadLocation({ nativeUrl: "s3://flyte-sandbox/data/0badcafe/images/" });
    expect((await fetch(dirLink.signedUrl)).status).toBe(404);
  });

  it("serves a deck with the node's data and a script of its own (which the sandbox's own CSP keeps from running)", async () => {
    const link = await proxy.createDownloadLink({ artifactType: ArtifactType.DECK, source: { case: "nodeExecutionId", value: nodeId("large") } });
    const res = await fetch(link.signedUrl[0]);
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    const html = await res.text();
    expect(html).toContain("<h2>Outputs</h2>");
    expect(html).toContain('<script>document.getElementById("deck-script")');
  });
});
