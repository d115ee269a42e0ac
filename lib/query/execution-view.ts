// Method descriptors and requests for the execution page. Fetch only; lib/flyte shapes.
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";

export const getWorkflow = AdminService.method.getWorkflow;
export const getNodeExecution = AdminService.method.getNodeExecution;
export const getNodeExecutionData = AdminService.method.getNodeExecutionData;
export const getDynamicNodeWorkflow = AdminService.method.getDynamicNodeWorkflow;
export const listTaskExecutions = AdminService.method.listTaskExecutions;
export const getTaskExecutionData = AdminService.method.getTaskExecutionData;

/** Registered versions never change: what was fetched once stays true. */
export const IMMUTABLE = { staleTime: Infinity, gcTime: 30 * 60_000 } as const;
