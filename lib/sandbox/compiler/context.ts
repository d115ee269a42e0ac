import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { ParameterMap, VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { WorkflowTemplate } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { ProblemList } from "./errors";

/**
 * What a launch-plan node needs to know about the launch plan it calls: the shape of an admin
 * `LaunchPlanClosure` (expected inputs with defaults, expected outputs), so a closure can be passed as is.
 */
export interface LaunchPlanInterface {
  expectedInputs?: ParameterMap;
  expectedOutputs?: VariableMap;
}

export type TaskResolver = (id: Identifier) => TaskTemplate | undefined;
export type LaunchPlanResolver = (id: Identifier) => LaunchPlanInterface | undefined;

/** Shared by every workflow compiled for one spec: references are resolved and recorded here. */
export interface CompileContext {
  readonly problems: ProblemList;
  /** The referenced task, recorded for `closure.tasks`; reports TaskReferenceNotFound when absent. */
  task(id: Identifier | undefined, nodeId: string): TaskTemplate | undefined;
  /** Reports WorkflowReferenceNotFound when absent. */
  launchPlan(id: Identifier | undefined, nodeId: string): LaunchPlanInterface | undefined;
  /** The sub-workflow's template from the spec, compiled once on first reference; reports when absent. */
  subWorkflow(id: Identifier | undefined, nodeId: string): WorkflowTemplate | undefined;
}
