// Test support: a small FlyteAdmin on loopback (gRPC) with one execution whose nodes change under a watch.
// It keeps what real FlyteAdmin keeps apart: `updated_at` (its database's write time, what filters compare)
// and the closure's reported times (FlytePropeller's clock), and it refuses credentials as told.
import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionListSchema, NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { NodeExecution_Phase, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";

export interface UpstreamCall {
  method: "GetExecution" | "ListNodeExecutions" | "GetWorkflow";
  authorization: string;
  parent?: string;
  filters?: string;
  sortKey?: string;
  token?: string;
}

interface StoredNode {
  parent: string;
  phase: NodeExecution_Phase;
  isParent: boolean;
  /** updated_at: when the fake's database wrote the row, by its clock. */
  writtenMs: number;
}

export class FakeAdmin {
  readonly id = { project: "p", domain: "d", name: "run" };
  executionPhase = WorkflowExecution_Phase.RUNNING;
  private executionWrittenMs = 0;
  readonly nodes = new Map<string, StoredNode>();
  readonly calls: UpstreamCall[] = [];
  /** FlytePropeller's clock against the database's: added to every reported time (closure.updatedAt). */
  reportedSkewMs = 0;
  /** The database's clock against the test's (and the BFF's) clock. */
  databaseOffsetMs = 0;
  /** Every call fails with Unavailable. */
  failing = false;
  /** Calls of these methods answer this many ms later. */
  readonly latency = new Map<UpstreamCall["method"], number>();
  /** The execution does not exist (NotFound for every credential). */
  missing = false;
  /** Credentials (the authorization header, "" for none) that FlyteAdmin refuses, with the code it refuses them with. */
  readonly refuse = new Map<string, Code>();
  private lastWriteMs = 0;
  private server?: Http2Server;
  private readonly sessions = new Set<ServerHttp2Session>();

  /** A fresh execution name, so that watches of earlier tests do not answer for this one. */
  reset(name = `run-${Math.random().toString(36).slice(2, 8)}`) {
    this.id.name = name;
    this.nodes.clear();
    this.calls.length = 0;
    this.refuse.clear();
    this.failing = false;
    this.latency.clear();
    this.missing = false;
    this.reportedSkewMs = 0;
    this.databaseOffsetMs = 0;
    this.executionPhase = WorkflowExecution_Phase.RUNNING;
    this.executionWrittenMs = this.now();
  }

  /** The database's clock, never twice the same ms (each write is later than the one before). */
  private now(): number {
    this.lastWriteMs = Math.max(Date.now() + this.databaseOffsetMs, this.lastWriteMs + 1);
    return this.lastWriteMs;
  }

  setNode(id: string, phase: NodeExecution_Phase, options: { parent?: string; isParent?: boolean } = {}) {
    const prev = this.nodes.get(id);
    this.nodes.set(id, { parent: options.parent ?? prev?.parent ?? "", isParent: options.isParent ?? prev?.isParent ?? false, phase, writtenMs: this.now() });
  }

  setExecution(phase: WorkflowExecution_Phase) {
    this.executionPhase = phase;
    this.executionWrittenMs = this.now();
  }

  /** Calls made with these credentials (authorization header value, "" for none). */
  callsBy(authorization: string): UpstreamCall[] {
    return this.calls.filter((c) => c.authorization === authorization);
  }

  private node(id: string): NodeExecution {
    const n = this.nodes.get(id)!;
    const reported = n.writtenMs + this.reportedSkewMs;
    return create(NodeExecutionSchema, {
      id: { nodeId: id, executionId: this.id },
      inputUri: `s3://my-bucket/metadata/propeller/${this.id.name}/${id}/data/inputs.pb`,
      closure: {
        phase: n.phase,
        startedAt: timestampFromMs(reported - 1_000),
        createdAt: timestampFromMs(reported - 2_000),
        updatedAt: timestampFromMs(reported),
        duration: durationFromMs(1_000),
        outputResult: { case: "outputUri", value: `s3://my-bucket/metadata/propeller/${this.id.name}/${id}/data/0/outputs.pb` },
      },
      metadata: { isParentNode: n.isParent, specNodeId: id },
    });
  }

  /** The workflow the execution ran. */
  get workflowId() {
    return { resourceType: ResourceType.WORKFLOW, project: this.id.project, domain: this.id.domain, name: "wf", version: "v1" };
  }

  private async admit(ctx: HandlerContext, call: UpstreamCall) {
    this.calls.push(call);
    const latencyMs = this.latency.get(call.method);
    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (this.failing) throw new ConnectError("database is down", Code.Unavailable);
    const code = this.refuse.get(call.authorization);
    if (code !== undefined) throw new ConnectError(`refused with ${Code[code]}`, code);
    if (this.missing) throw new ConnectError(`execution ${this.id.name} not found`, Code.NotFound);
    void ctx;
  }

  private routes = (router: ConnectRouter) => {
    router.service(AdminService, {
      getExecution: async (_req, ctx) => {
        await this.admit(ctx, { method: "GetExecution", authorization: ctx.requestHeader.get("authorization") ?? "" });
        const reported = this.executionWrittenMs + this.reportedSkewMs;
        return create(ExecutionSchema, { id: this.id, closure: { phase: this.executionPhase, updatedAt: timestampFromMs(reported), workflowId: this.workflowId } });
      },
      getWorkflow: async (req, ctx) => {
        await this.admit(ctx, { method: "GetWorkflow", authorization: ctx.requestHeader.get("authorization") ?? "" });
        if (req.id?.name !== this.workflowId.name) throw new ConnectError("workflow not found", Code.NotFound);
        const nodes = [...this.nodes.keys()].filter((id) => this.nodes.get(id)!.parent === "").map((id) => ({ id }));
        return create(WorkflowSchema, { id: req.id, closure: { compiledWorkflow: { primary: { template: { id: req.id, nodes } } } } });
      },
      listNodeExecutions: async (req, ctx) => {
        await this.admit(ctx, {
          method: "ListNodeExecutions",
          authorization: ctx.requestHeader.get("authorization") ?? "",
          parent: req.uniqueParentId,
          filters: req.filters,
          sortKey: req.sortBy?.key,
          token: req.token,
        });
        const since = /gte\(updated_at,([^)]+)\)/.exec(req.filters)?.[1];
        const sinceMs = since ? Date.parse(since) : -Infinity;
        const ids = [...this.nodes.entries()].filter(([, n]) => n.parent === req.uniqueParentId && n.writtenMs >= sinceMs).map(([id]) => id);
        if (req.sortBy?.key === "node_id") ids.sort();
        const offset = Number(req.token || 0);
        const page = ids.slice(offset, offset + (req.limit || 100));
        const token = offset + page.length < ids.length ? String(offset + page.length) : "";
        return create(NodeExecutionListSchema, { nodeExecutions: page.map((id) => this.node(id)), token });
      },
    });
  };

  async start(): Promise<string> {
    this.server = createServer(connectNodeAdapter({ routes: this.routes, grpc: true }));
    this.server.on("session", (s) => this.sessions.add(s));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.reset();
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    for (const s of this.sessions) s.destroy();
    this.server?.close();
  }
}
