"use client";

import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { keepPreviousData, useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import type { WorkflowGraph } from "@/lib/flyte/graph/types";
import { nodePhase } from "@/lib/flyte/phases";
import { subTaskPhaseCounts, type SubTaskPhaseCounts } from "@/lib/flyte/sub-tasks";
import { timestampMs } from "@/lib/flyte/time";

/** Enough for any graph a person reads; a workflow with more array or dynamic nodes shows the rest plain. */
const MAX_FETCHED = 100;

function useAdmin() {
  const transport = useTransport();
  return useMemo(() => createClient(AdminService, transport), [transport]);
}

/**
 * The workflows dynamic nodes yielded (GetDynamicNodeWorkflow), by node execution id, which is the graph id of
 * the node for FlytePropeller's usual ids. Fetched once each, when the node has yielded it.
 */
export function useDynamicClosures(nodes: ReadonlyMap<string, NodeExecution>): ReadonlyMap<string, CompiledWorkflowClosure> {
  const admin = useAdmin();
  const dynamic = useMemo(() => {
    const list: NodeExecution[] = [];
    for (const ne of nodes.values()) {
      const phase = ne.closure?.phase ?? 0;
      if (ne.metadata?.isDynamic && (phase === NodeExecution_Phase.DYNAMIC_RUNNING || nodePhase(phase).isTerminal)) list.push(ne);
      if (list.length >= MAX_FETCHED) break;
    }
    return list;
  }, [nodes]);
  const results = useQueries({
    queries: dynamic.map((ne) => ({
      queryKey: ["flyte", "dynamic-node-workflow", ne.id!.executionId?.project, ne.id!.executionId?.domain, ne.id!.executionId?.name, ne.id!.nodeId],
      queryFn: ({ signal }: { signal: AbortSignal }) => admin.getDynamicNodeWorkflow({ id: ne.id }, { signal }),
      staleTime: Infinity,
      retry: false,
    })),
  });
  const closures = results.map((r) => r.data?.compiledWorkflow);
  const stable = dynamic.map((ne, i) => (closures[i] ? ne.id!.nodeId : "")).join("\n");
  return useMemo(() => {
    const map = new Map<string, CompiledWorkflowClosure>();
    dynamic.forEach((ne, i) => {
      const c = closures[i];
      if (c) map.set(ne.id!.nodeId, c);
    });
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on which closures arrived: the graph is rebuilt from this map, so only then
  }, [stable]);
}

/**
 * Sub-task counts per phase of the graph's map and array nodes, by graph id, from their task executions'
 * external resources. Refreshed while a node runs and whenever its node execution changes.
 */
export function useSubTaskCounts(graph: WorkflowGraph | undefined, nodes: ReadonlyMap<string, NodeExecution>): ReadonlyMap<string, SubTaskPhaseCounts> {
  const admin = useAdmin();
  const arrays = useMemo(() => {
    const list: NodeExecution[] = [];
    if (!graph) return list;
    for (const ne of nodes.values()) {
      const id = ne.id?.nodeId ?? "";
      if (ne.metadata?.isArray || graph.byId.get(id)?.kind === "array") list.push(ne);
      if (list.length >= MAX_FETCHED) break;
    }
    return list;
  }, [graph, nodes]);
  const results = useQueries({
    queries: arrays.map((ne) => {
      const running = !nodePhase(ne.closure?.phase ?? 0).isTerminal;
      return {
        queryKey: [
          "flyte", "sub-tasks", ne.id!.executionId?.project, ne.id!.executionId?.domain, ne.id!.executionId?.name, ne.id!.nodeId,
          timestampMs(ne.closure?.updatedAt) ?? 0,
        ],
        queryFn: ({ signal }: { signal: AbortSignal }) => admin.listTaskExecutions({ nodeExecutionId: ne.id, limit: 100 }, { signal }),
        placeholderData: keepPreviousData,
        staleTime: running ? 0 : Infinity,
        refetchInterval: running ? 2_000 : false,
      };
    }),
  });
  const counts = results.map((r) => (r.data ? subTaskPhaseCounts(r.data.taskExecutions) : undefined));
  const stable = JSON.stringify(arrays.map((ne, i) => [ne.id!.nodeId, counts[i]]));
  return useMemo(() => {
    const map = new Map<string, SubTaskPhaseCounts>();
    arrays.forEach((ne, i) => {
      const c = counts[i];
      if (c) map.set(ne.id!.nodeId, c);
    });
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the counts themselves: a refetch with equal counts keeps the map
  }, [stable]);
}

/**
 * The task attempts (ListTaskExecutions) of the given node executions, by node execution id: what the graph, the
 * Nodes list and the timeline read an attempt's phases and reasons from. Refreshed while a node runs (an attempt
 * can change phase without its node execution changing), fetched once for finished nodes.
 */
export function useTaskAttempts(list: readonly NodeExecution[]): ReadonlyMap<string, readonly TaskExecution[]> {
  const admin = useAdmin();
  const fetched = list.slice(0, MAX_FETCHED);
  const results = useQueries({
    queries: fetched.map((ne) => {
      const running = !nodePhase(ne.closure?.phase ?? 0).isTerminal;
      return {
        queryKey: [
          "flyte", "task-attempts", ne.id!.executionId?.project, ne.id!.executionId?.domain, ne.id!.executionId?.name, ne.id!.nodeId,
          timestampMs(ne.closure?.updatedAt) ?? 0,
        ],
        queryFn: ({ signal }: { signal: AbortSignal }) => admin.listTaskExecutions({ nodeExecutionId: ne.id, limit: 100 }, { signal }),
        placeholderData: keepPreviousData,
        staleTime: running ? 0 : Infinity,
        refetchInterval: running ? 2_000 : false,
      };
    }),
  });
  const data = results.map((r) => r.data);
  const stable = fetched.map((ne, i) => `${ne.id!.nodeId}:${data[i] ? results[i].dataUpdatedAt : 0}`).join("\n");
  return useMemo(() => {
    const map = new Map<string, readonly TaskExecution[]>();
    fetched.forEach((ne, i) => {
      const d = data[i];
      if (d) map.set(ne.id!.nodeId, d.taskExecutions);
    });
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on fetch times: rebuilt only when some node's attempts were fetched again
  }, [stable]);
}

/** Node executions that run a task themselves (not parents, branches or sub-workflows). */
export function isTaskNodeExecution(ne: NodeExecution): boolean {
  const id = ne.id?.nodeId ?? "";
  if (id === "start-node" || id === "end-node") return false;
  return !ne.metadata?.isParentNode && ne.closure?.targetMetadata.case !== "workflowNodeMetadata";
}
