"use client";

// The compare page's data: for each run its execution, inputs and outputs, every node execution (in pages of
// NODE_PAGE; nested ones listed under their parents) and its workflow's compiled closure; and, for runs small enough or nodes asked for,
// each node's attempts and data. Fetch only; lib/flyte/compare shapes.
import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { filters, formatFilters } from "@/lib/flyte/filters";
import { nodePhase, workflowPhase } from "@/lib/flyte/phases";
import type { NodeDetails } from "@/lib/flyte/compare/nodes";
import { timestampMs } from "@/lib/flyte/time";
import { executionListRequest } from "./executions";
import { TASK_EXECUTIONS_LIMIT } from "./node-executions";

export { MAX_COMPARED } from "@/lib/flyte/compare/runs";
/** Node executions asked for per call: a 1,000-node run in one round trip (the BFF allows up to 2,000). */
export const NODE_PAGE = 2_000;
/** Runs with at most this many nodes (nested ones included) get every node's attempts and data with the page; others on request. */
export const DETAIL_LIMIT = 60;
const RUNNING_REFRESH_MS = 5_000;
/** Parents whose children are listed at once (a dynamic node can yield hundreds of sub-workflows). */
const CHILD_LISTS_AT_ONCE = 8;

function useAdmin() {
  const transport = useTransport();
  return useMemo(() => createClient(AdminService, transport), [transport]);
}

type Admin = ReturnType<typeof useAdmin>;
type Scope = { project: string; domain: string };

const running = (e: Execution | undefined) => e !== undefined && !workflowPhase(e.closure?.phase ?? 0).isTerminal;

type ExecutionId = Scope & { name: string };

/** One level: the top-level nodes (`parent` ""), or the children of the parent node `parent`. */
async function listLevel(admin: Admin, id: ExecutionId, parent: string, signal: AbortSignal): Promise<NodeExecution[]> {
  const out: NodeExecution[] = [];
  let token = "";
  do {
    const page = await admin.listNodeExecutions({ workflowExecutionId: id, limit: NODE_PAGE, token, uniqueParentId: parent }, { signal });
    out.push(...page.nodeExecutions);
    token = page.token;
  } while (token);
  return out;
}

export interface RunNodeExecutions {
  /** Every node execution, nested ones included. */
  nodes: NodeExecution[];
  /** A nested node's parent node id, by its node id. */
  parents: ReadonlyMap<string, string>;
}

/**
 * Every node execution of a run: FlyteAdmin lists top-level nodes unless asked for the children of one parent
 * (sub-workflow, dynamic and branch nodes, `is_parent_node`), so parents are asked for level by level. A run
 * without parent nodes costs what the top level costs.
 */
async function allNodes(admin: Admin, id: ExecutionId, signal: AbortSignal): Promise<RunNodeExecutions> {
  const nodes = await listLevel(admin, id, "", signal);
  const parents = new Map<string, string>();
  let pending = nodes.filter((ne) => ne.metadata?.isParentNode).map((ne) => ne.id!.nodeId);
  while (pending.length) {
    const next: string[] = [];
    for (let i = 0; i < pending.length; i += CHILD_LISTS_AT_ONCE) {
      const batch = pending.slice(i, i + CHILD_LISTS_AT_ONCE);
      const lists = await Promise.all(batch.map((parent) => listLevel(admin, id, parent, signal)));
      lists.forEach((children, k) => {
        for (const child of children) {
          const childId = child.id?.nodeId;
          if (!childId || parents.has(childId) || childId === batch[k]) continue;
          parents.set(childId, batch[k]);
          nodes.push(child);
          if (child.metadata?.isParentNode) next.push(childId);
        }
      });
    }
    pending = next;
  }
  return { nodes, parents };
}

/** The compare page's cache keys. */
export const compareKeys = {
  execution: (project: string, domain: string, name: string) => ["flyte", "compare", "execution", project, domain, name],
  nodeExecutions: (project: string, domain: string, name: string) => ["flyte", "compare", "node-executions", project, domain, name],
  workflow: (id: Identifier | undefined) => ["flyte", "compare", "workflow", id?.project, id?.domain, id?.name, id?.version, id?.org],
};

export interface ComparedRun {
  name: string;
  execution?: Execution;
  /** A call for this run failed (the execution, its data, its nodes or its workflow): why. */
  error?: Error;
  inputs?: LiteralMap;
  outputs?: LiteralMap;
  dataLoaded: boolean;
  /** Every node execution, nested ones included. */
  nodes?: NodeExecution[];
  /** A nested node's parent node id, by its node id. */
  parents: ReadonlyMap<string, string>;
  closure?: CompiledWorkflowClosure;
  details: ReadonlyMap<string, NodeDetails>;
}

/** A workflow's (or a sub-workflow's) start or end node: its data is the workflow's own. */
const isBookend = (ne: NodeExecution) => [ne.id?.nodeId, ne.metadata?.specNodeId].some((id) => id === "start-node" || id === "end-node");

const NO_PARENTS: ReadonlyMap<string, string> = new Map();

type ExecutionDataResult = { inputs?: LiteralMap; outputs?: LiteralMap };

/**
 * Everything the compare page shows for `names` (in order; the first is the baseline). `detailNodes`: node ids
 * whose attempts and data to fetch in every run even when the runs are larger than DETAIL_LIMIT.
 */
export function useComparedRuns(scope: Scope, names: readonly string[], detailNodes: ReadonlySet<string> = new Set()): { runs: ComparedRun[]; loading: boolean } {
  const admin = useAdmin();
  const { project, domain } = scope;
  const executions = useQueries({
    queries: names.map((name) => ({
      queryKey: compareKeys.execution(project, domain, name),
      queryFn: ({ signal }: { signal: AbortSignal }) => admin.getExecution({ id: { project, domain, name } }, { signal }),
      refetchInterval: (q: { state: { data?: Execution } }) => (running(q.state.data) ? RUNNING_REFRESH_MS : false),
      retry: 1,
    })),
  });
  const data = useQueries({
    queries: names.map((name, i) => ({
      queryKey: ["flyte", "compare", "execution-data", project, domain, name, running(executions[i].data)],
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<ExecutionDataResult> => {
        const d = await admin.getExecutionData({ id: { project, domain, name } }, { signal });
        return { inputs: d.fullInputs, outputs: d.fullOutputs };
      },
      staleTime: Infinity,
    })),
  });
  const nodes = useQueries({
    queries: names.map((name, i) => ({
      queryKey: compareKeys.nodeExecutions(project, domain, name),
      queryFn: ({ signal }: { signal: AbortSignal }) => allNodes(admin, { project, domain, name }, signal),
      refetchInterval: running(executions[i].data) ? RUNNING_REFRESH_MS : (false as const),
    })),
  });
  const workflowIds = names.map((_, i) => executions[i].data?.closure?.workflowId);
  const workflows = useQueries({
    queries: workflowIds.map((id) => ({
      queryKey: compareKeys.workflow(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => admin.getWorkflow({ id }, { signal }),
      enabled: id !== undefined,
      staleTime: Infinity,
      gcTime: 30 * 60_000,
    })),
  });

  // Node details: every ended node of small runs, and the nodes asked for; one query per node and run.
  const wanted = names.flatMap((name, i) => {
    const list = nodes[i].data?.nodes ?? [];
    const small = list.length <= DETAIL_LIMIT + 2; // and the start and end nodes
    return list
      .filter((ne) => ne.id && nodePhase(ne.closure?.phase ?? 0).isTerminal && (small || detailNodes.has(ne.id.nodeId)) && !isBookend(ne))
      .map((ne) => ({ run: i, name, ne }));
  });
  const details = useQueries({
    queries: wanted.map(({ name, ne }) => ({
      queryKey: ["flyte", "compare", "node-details", project, domain, name, ne.id!.nodeId],
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<NodeDetails> => {
        const [attempts, d] = await Promise.all([
          admin.listTaskExecutions({ nodeExecutionId: ne.id, limit: TASK_EXECUTIONS_LIMIT }, { signal }),
          admin.getNodeExecutionData({ id: ne.id }, { signal }),
        ]);
        return { attempts: attempts.taskExecutions.length, inputs: d.fullInputs, outputs: d.fullOutputs };
      },
      staleTime: Infinity,
    })),
  });
  const namesKey = names.join(",");
  const detailsKey = details.map((d) => d.dataUpdatedAt).join(",");

  const detailMaps = useMemo(() => {
    const maps = names.map(() => new Map<string, NodeDetails>());
    wanted.forEach((w, k) => {
      const d = details[k]?.data;
      if (d) maps[w.run].set(w.ne.id!.nodeId, d);
    });
    return maps;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on which details arrived (each query's update time)
  }, [detailsKey, namesKey]);

  const loading = [...executions, ...data, ...nodes, ...workflows, ...details].some((q) => q.isLoading);
  // One new array when any answer changes, the same one otherwise: the page's comparisons are memoised on it.
  const version = [...executions, ...data, ...nodes, ...workflows].map((q) => `${q.dataUpdatedAt}:${q.errorUpdatedAt}`).join(",");
  const runs = useMemo(
    () =>
      names.map((name, i) => ({
        name,
        execution: executions[i].data,
        error: executions[i].error ?? data[i].error ?? nodes[i].error ?? workflows[i].error ?? undefined,
        inputs: data[i].data?.inputs,
        outputs: data[i].data?.outputs,
        dataLoaded: data[i].data !== undefined,
        nodes: nodes[i].data?.nodes,
        parents: nodes[i].data?.parents ?? NO_PARENTS,
        closure: workflows[i].data?.closure?.compiledWorkflow,
        details: detailMaps[i],
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the answers' update times (`version`) and the details
    [version, detailMaps, namesKey],
  );
  return { runs, loading };
}

/**
 * The run of the same launch plan (by name, in the same project and domain) created just before `execution`;
 * undefined when there is none (or while asking).
 */
export function usePreviousRun(execution: Execution) {
  const admin = useAdmin();
  const id = execution.id;
  const lp = execution.spec?.launchPlan?.name ?? "";
  const created = timestampMs(execution.closure?.createdAt);
  return useQuery({
    queryKey: ["flyte", "compare", "previous-run", id?.project, id?.domain, id?.name, lp],
    enabled: !!lp && !!id && created !== undefined,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const filter = formatFilters([filters.eq("launch_plan.name", lp), filters.lte("created_at", new Date(created!).toISOString())]);
      const res = await admin.listExecutions(executionListRequest(id!.project, id!.domain, filter, { key: "created_at" }, 2), { signal });
      return res.executions.find((e) => e.id?.name !== id!.name)?.id?.name ?? null;
    },
  });
}
