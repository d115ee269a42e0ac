// The AdminService, SignalService and DataProxyService methods the browser may call through the BFF.
// Everything absent here (event writes, registration, attribute updates, project
// registration, GetOrCreateSignal, uploads) is refused before it reaches FlyteAdmin.

export type MethodAccess = "read" | "mutation";

const ADMIN: Record<string, MethodAccess> = {
  GetVersion: "read",
  ListProjects: "read",
  GetProject: "read",
  GetDomains: "read",
  ListNamedEntities: "read",
  GetNamedEntity: "read",
  GetTask: "read",
  ListTaskIds: "read",
  ListTasks: "read",
  GetWorkflow: "read",
  ListWorkflowIds: "read",
  ListWorkflows: "read",
  GetLaunchPlan: "read",
  GetActiveLaunchPlan: "read",
  ListActiveLaunchPlans: "read",
  ListLaunchPlanIds: "read",
  ListLaunchPlans: "read",
  GetExecution: "read",
  GetExecutionData: "read",
  ListExecutions: "read",
  GetExecutionMetrics: "read",
  GetNodeExecution: "read",
  GetDynamicNodeWorkflow: "read",
  ListNodeExecutions: "read",
  ListNodeExecutionsForTask: "read",
  GetNodeExecutionData: "read",
  GetTaskExecution: "read",
  ListTaskExecutions: "read",
  GetTaskExecutionData: "read",
  GetDescriptionEntity: "read",
  ListDescriptionEntities: "read",
  // The domain settings view reads them; updating them stays an operator's job (flytectl).
  GetProjectDomainAttributes: "read",
  CreateExecution: "mutation",
  RelaunchExecution: "mutation",
  RecoverExecution: "mutation",
  TerminateExecution: "mutation",
  UpdateExecution: "mutation",
  UpdateNamedEntity: "mutation",
  UpdateLaunchPlan: "mutation",
};

const SIGNAL: Record<string, MethodAccess> = {
  ListSignals: "read",
  SetSignal: "mutation",
};

// Signed download links to what FlyteAdmin's store holds (decks, offloaded data, files), and flyte:// data.
const DATA_PROXY: Record<string, MethodAccess> = {
  CreateDownloadLink: "read",
  CreateDownloadLocation: "read",
  GetData: "read",
};

const BY_SERVICE: Record<string, Record<string, MethodAccess>> = {
  "flyteidl.service.AdminService": ADMIN,
  "flyteidl.service.SignalService": SIGNAL,
  "flyteidl.service.DataProxyService": DATA_PROXY,
};

/** How the browser may use a method, or undefined when it may not call it at all. */
export function methodAccess(serviceTypeName: string, methodName: string): MethodAccess | undefined {
  return BY_SERVICE[serviceTypeName]?.[methodName];
}
