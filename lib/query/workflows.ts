"use client";

// A registered workflow (GetWorkflow), whose compiled closure the graph, the gate banner and the
// recover preview share through one cache entry. Registered versions never change.
import { create } from "@bufbuild/protobuf";
import { useQuery } from "@connectrpc/connect-query";
import { ObjectGetRequestSchema, type ObjectGetRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { getWorkflow, IMMUTABLE } from "./execution-view";

/** GetWorkflow (or GetLaunchPlan / GetTask) for an identifier as FlyteAdmin gave it. */
export function objectGetRequest(id: Identifier | undefined): ObjectGetRequest {
  return create(ObjectGetRequestSchema, { id });
}

/** The workflow an execution ran; off until its id is known. */
export function useWorkflow(workflowId: Identifier | undefined) {
  return useQuery(getWorkflow, objectGetRequest(workflowId), { enabled: !!workflowId, ...IMMUTABLE });
}

/** The compiled closure of an execution's workflow, or undefined while it loads. */
export function useExecutionClosure(workflowId: Identifier | undefined) {
  return useWorkflow(workflowId).data?.closure?.compiledWorkflow;
}
