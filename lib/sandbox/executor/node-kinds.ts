// The registry of node-kind steppers. reconcile hands it to node-step on the Round, so the kinds (which
// step their children through node-step and scope) are imported here and never by node-step itself.
import { abortArrayNode, stepArrayNode } from "./array-node";
import { abortBranchNode, stepBranchNode } from "./branch-node";
import type { NodeSteppers } from "./context";
import { stepGateNode } from "./gate-node";
import { abortLaunchPlanNode, stepLaunchPlanNode } from "./launchplan-node";
import { abortSubWorkflowNode, stepSubWorkflowNode } from "./subworkflow-node";
import { abortTaskNode, stepTaskNode } from "./task-node";

export const NODE_STEPPERS: NodeSteppers = {
  task: { step: stepTaskNode, abort: abortTaskNode },
  array: { step: stepArrayNode, abort: abortArrayNode },
  launchPlan: { step: stepLaunchPlanNode, abort: abortLaunchPlanNode },
  subWorkflow: { step: stepSubWorkflowNode, abort: abortSubWorkflowNode },
  branch: { step: stepBranchNode, abort: abortBranchNode },
  gate: { step: stepGateNode },
};
