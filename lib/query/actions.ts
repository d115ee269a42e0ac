"use client";

// Mutations that steer an execution (terminate, recover, archive, signals), each refreshing what it
// changed. The execution page's live stream shows phase changes by itself; GetExecution and list
// queries are refetched so headers, badges and tables agree.
import type { ConnectError } from "@connectrpc/connect";
import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient, type MutateOptions, type QueryClient, type UseMutationResult } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { ExecutionState } from "@/lib/gen/flyteidl/admin/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { refusals, type ActionScope, type GuardedAction } from "./permissions";

export const listSignals = SignalService.method.listSignals;
export const listNodeExecutions = AdminService.method.listNodeExecutions;

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
    setArchived: (id: { project: string; domain: string; name: string }, archived: boolean, options?: { onError?(err: unknown): void }) =>
      mutation.mutate({ id, state: archived ? ExecutionState.EXECUTION_ARCHIVED : ExecutionState.EXECUTION_ACTIVE }, options),
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
