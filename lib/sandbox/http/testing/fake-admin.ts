// A small in-memory AdminService for the HTTP tests: the gateway is under test, not the store.
// It records the last request of each method so tests can assert what the REST layer built.
import { create, type Message } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import {
  ExecutionClosureSchema,
  ExecutionCreateResponseSchema,
  ExecutionListSchema,
  ExecutionSchema,
  ExecutionSpecSchema,
  ExecutionTerminateResponseSchema,
  type Execution,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import {
  NodeExecutionGetDataResponseSchema,
  NodeExecutionListSchema,
  NodeExecutionSchema,
} from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NamedEntityListSchema, NamedEntitySchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { WorkflowExecution_Phase, NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { WorkflowExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, LiteralSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalListSchema } from "@/lib/gen/flyteidl/admin/signal_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";

export interface FakeAdmin {
  routes: (router: ConnectRouter) => void;
  executions: Map<string, Execution>;
  /** The last request each method received, by method name (e.g. "listExecutions"). */
  lastRequest: Map<string, Message>;
}

const key = (id: { project: string; domain: string; name: string } | undefined) =>
  id ? `${id.project}/${id.domain}/${id.name}` : "";

const intLiteral = (v: number) =>
  create(LiteralSchema, {
    value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "integer", value: BigInt(v) } } } } },
  });

export function intLiteralMap(values: Record<string, number>) {
  return create(LiteralMapSchema, {
    literals: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, intLiteral(v)])),
  });
}

export function createFakeAdmin(): FakeAdmin {
  const executions = new Map<string, Execution>();
  const lastRequest = new Map<string, Message>();
  const record = <T extends Message>(name: string, req: T): T => {
    lastRequest.set(name, req);
    return req;
  };
  const mustGet = (id: { project: string; domain: string; name: string } | undefined): Execution => {
    const execution = executions.get(key(id));
    if (!execution) throw new ConnectError(`missing entity of type execution with identifier ${key(id)}`, Code.NotFound);
    return execution;
  };
  const launch = (project: string, domain: string, name: string, inputs = intLiteralMap({})) => {
    if (!project || !domain) throw new ConnectError("missing project or domain", Code.InvalidArgument);
    if (executions.has(`${project}/${domain}/${name}`)) {
      throw new ConnectError(`execution ${name} already exists`, Code.AlreadyExists);
    }
    const id = create(WorkflowExecutionIdentifierSchema, { project, domain, name });
    executions.set(
      key(id),
      create(ExecutionSchema, {
        id,
        spec: create(ExecutionSpecSchema, {}),
        closure: create(ExecutionClosureSchema, { phase: WorkflowExecution_Phase.RUNNING, createdAt: timestampNow(), computedInputs: inputs }),
      }),
    );
    return create(ExecutionCreateResponseSchema, { id });
  };

  const routes = (router: ConnectRouter) => {
    router.service(AdminService, {
      createExecution(req) {
        record("createExecution", req);
        return launch(req.project, req.domain, req.name || `f${executions.size}`, req.inputs);
      },
      getExecution(req) {
        record("getExecution", req);
        return mustGet(req.id);
      },
      listExecutions(req) {
        record("listExecutions", req);
        const all = [...executions.values()].filter((e) => e.id?.project === req.id?.project && e.id?.domain === req.id?.domain);
        return create(ExecutionListSchema, { executions: all.slice(0, req.limit || all.length), token: "" });
      },
      terminateExecution(req) {
        record("terminateExecution", req);
        const execution = mustGet(req.id);
        if (execution.closure) execution.closure.phase = WorkflowExecution_Phase.ABORTED;
        return create(ExecutionTerminateResponseSchema, {});
      },
      recoverExecution(req) {
        record("recoverExecution", req);
        const original = mustGet(req.id);
        const id = original.id!;
        return launch(id.project, id.domain, req.name || `${id.name}-r`);
      },
      listNodeExecutions(req) {
        record("listNodeExecutions", req);
        mustGet(req.workflowExecutionId);
        const nodes = ["start-node", "n0", "n1", "end-node"].map((nodeId) =>
          create(NodeExecutionSchema, {
            id: { nodeId, executionId: req.workflowExecutionId },
            closure: { phase: NodeExecution_Phase.SUCCEEDED },
          }),
        );
        return create(NodeExecutionListSchema, { nodeExecutions: nodes.slice(0, req.limit || nodes.length), token: "" });
      },
      getNodeExecutionData(req) {
        record("getNodeExecutionData", req);
        mustGet(req.id?.executionId);
        return create(NodeExecutionGetDataResponseSchema, {
          fullInputs: intLiteralMap({ a: 1 }),
          fullOutputs: intLiteralMap({ o0: 42 }),
        });
      },
      listNamedEntities(req) {
        record("listNamedEntities", req);
        return create(NamedEntityListSchema, {
          entities: [create(NamedEntitySchema, { resourceType: req.resourceType, id: { project: req.project, domain: req.domain, name: "wf" } })],
        });
      },
      getProject(req) {
        record("getProject", req);
        throw new ConnectError(`not allowed to read project ${req.id}`, Code.PermissionDenied);
      },
      getVersion() {
        throw new ConnectError("admin is restarting", Code.Unavailable);
      },
    });
    router.service(SignalService, {
      listSignals(req) {
        record("listSignals", req);
        return create(SignalListSchema, {});
      },
    });
  };

  return { routes, executions, lastRequest };
}
