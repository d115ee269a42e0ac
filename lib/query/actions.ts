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

export const listSignals = SignalService.method.listSignals;
export const listNodeExecutions = AdminService.method.listNodeExecutions;

function refreshExecutions(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: AdminService.method.getExecution, cardinality: undefined }) });
  void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: AdminService.method.listExecutions, cardinality: undefined }) });
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
  return useOneAtATime(useMutation(AdminService.method.terminateExecution, { onSettled: () => refreshExecutions(queryClient) }));
}

export function useRecoverExecution() {
  const queryClient = useQueryClient();
  return useOneAtATime(useMutation(AdminService.method.recoverExecution, { onSuccess: () => refreshExecutions(queryClient) }));
}

/** Archive (true) or unarchive (false) through UpdateExecution's state. */
export function useSetExecutionArchived() {
  const queryClient = useQueryClient();
  const mutation = useOneAtATime(useMutation(AdminService.method.updateExecution, { onSettled: () => refreshExecutions(queryClient) }));
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
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: listSignals, cardinality: undefined }) });
        refreshExecutions(queryClient);
      },
    }),
  );
}
