"use client";

// Mutations that steer an execution (terminate, recover, archive, signals), each refreshing what it
// changed. The execution page's live stream shows phase changes by itself; GetExecution and list
// queries are refetched so headers, badges and tables agree.
import { create } from "@bufbuild/protobuf";
import type { ConnectError } from "@connectrpc/connect";
import { createConnectQueryKey, useMutation, useQuery } from "@connectrpc/connect-query";
import { useQueryClient, type MutateOptions, type QueryClient, type UseMutationResult } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import {
  ExecutionRecoverRequestSchema,
  ExecutionState,
  ExecutionTerminateRequestSchema,
  ExecutionUpdateRequestSchema,
  type ExecutionRecoverRequest,
  type ExecutionTerminateRequest,
  type ExecutionUpdateRequest,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionListRequestSchema, type NodeExecutionListRequest } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { refusals, type ActionScope, type GuardedAction } from "./permissions";

export const listSignals = SignalService.method.listSignals;
export const listNodeExecutions = AdminService.method.listNodeExecutions;

type ExecutionName = { project: string; domain: string; name: string };

/** Only project, domain and name of an execution id: what FlyteAdmin's action calls are sent. */
const bare = ({ project, domain, name }: ExecutionName): ExecutionName => ({ project, domain, name });

/** TerminateExecution for an execution, with the cause shown on its page. */
export function terminateRequest(id: ExecutionName, cause: string): ExecutionTerminateRequest {
  return create(ExecutionTerminateRequestSchema, { id: bare(id), cause });
}

/** RecoverExecution of `id` as a new execution named `name` (chosen before sending, so a retry is idempotent). */
export function recoverRequest(id: ExecutionName, name: string): ExecutionRecoverRequest {
  return create(ExecutionRecoverRequestSchema, { id: bare(id), name });
}

/** UpdateExecution to archive (true) or unarchive (false). */
export function archiveRequest(id: ExecutionName, archived: boolean): ExecutionUpdateRequest {
  return create(ExecutionUpdateRequestSchema, { id: bare(id), state: archived ? ExecutionState.EXECUTION_ARCHIVED : ExecutionState.EXECUTION_ACTIVE });
}

/** Enough of an execution's top-level node executions to preview a recovery in one call. */
export const RECOVER_PREVIEW_LIMIT = 2000;

export function recoverPreviewNodesRequest(id: WorkflowExecutionIdentifier): NodeExecutionListRequest {
  return create(NodeExecutionListRequestSchema, { workflowExecutionId: id, limit: RECOVER_PREVIEW_LIMIT });
}

/** The node executions the recover preview compares, fetched afresh each time the dialog opens. */
export function useRecoverPreviewNodes(id: WorkflowExecutionIdentifier) {
  return useQuery(listNodeExecutions, recoverPreviewNodesRequest(id), { staleTime: 0 });
}

function refreshExecutions(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: AdminService.method.getExecution, cardinality: undefined }) });
  void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: AdminService.method.listExecutions, cardinality: undefined }) });
}

type ScopedId = { project?: string; domain?: string } | undefined;
const scopeOf = (id: ScopedId): ActionScope => ({ project: id?.project ?? "", domain: id?.domain ?? "" });

/** onError that remembers FlyteAdmin's PermissionDenied for this action in the execution's project and domain. */
function rememberRefusal<V>(action: GuardedAction, idOf: (variables: V) => ScopedId) {
  return (error: ConnectError, variables: V) => void refusals.remember(action, scopeOf(idOf(variables)), error);
}

/**
 * One request at a time: TanStack Query reports isPending a tick late, so a double click would
 * otherwise send twice before any button can disable itself.
 */
function useOneAtATime<TData, TVariables>(
  mutation: UseMutationResult<TData, ConnectError, TVariables>,
): UseMutationResult<TData, ConnectError, TVariables> {
  const inFlight = useRef(false);
  const { mutate: send } = mutation;
  const mutate = useCallback(
    (variables: TVariables, options?: MutateOptions<TData, ConnectError, TVariables>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      send(variables, {
        ...options,
        onSettled: (...args) => {
          inFlight.current = false;
          options?.onSettled?.(...args);
        },
      });
    },
    [send],
  );
  return { ...mutation, mutate } as UseMutationResult<TData, ConnectError, TVariables>;
}

export function useTerminateExecution() {
  const queryClient = useQueryClient();
  return useOneAtATime(
    useMutation(AdminService.method.terminateExecution, {
      onError: rememberRefusal("terminate", (v) => v.id),
      onSettled: () => refreshExecutions(queryClient),
    }),
  );
}

export function useRecoverExecution() {
  const queryClient = useQueryClient();
  return useOneAtATime(
    useMutation(AdminService.method.recoverExecution, {
      onError: rememberRefusal("recover", (v) => v.id),
      onSuccess: () => refreshExecutions(queryClient),
    }),
  );
}

/** Archive (true) or unarchive (false) through UpdateExecution's state. */
export function useSetExecutionArchived() {
  const queryClient = useQueryClient();
  const mutation = useOneAtATime(
    useMutation(AdminService.method.updateExecution, {
      onError: rememberRefusal("archive", (v) => v.id),
      onSettled: () => refreshExecutions(queryClient),
    }),
  );
  return {
    ...mutation,
    setArchived: (id: ExecutionName, archived: boolean, options?: { onError?(err: unknown): void }) => mutation.mutate(archiveRequest(id, archived), options),
  };
}

export function useSetSignal() {
  const queryClient = useQueryClient();
  return useOneAtATime(
    useMutation(SignalService.method.setSignal, {
      onError: rememberRefusal("signal", (v) => v.id?.executionId),
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: listSignals, cardinality: undefined }) });
        refreshExecutions(queryClient);
      },
    }),
  );
}
