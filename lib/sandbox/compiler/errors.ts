// Compile problems, named after FlytePropeller's compiler error codes so that a message read in the
// sandbox means the same thing it would against a real FlyteAdmin.

export type CompileProblemCode =
  | "NoNodesFound"
  | "DuplicateNodeId"
  | "ReservedNodeId"
  | "ValueRequired"
  | "TaskReferenceNotFound"
  | "WorkflowReferenceNotFound"
  | "RecursiveSubWorkflow"
  | "NodeReferenceNotFound"
  | "VariableNameNotFound"
  | "OutputNotFound"
  | "ParameterBoundMoreThanOnce"
  | "ParameterNotBound"
  | "MismatchingTypes"
  | "IllegalEnumValue"
  | "BranchNodeHasNoCondition"
  | "BranchNodeHasNoDefault"
  | "ConditionVariableNotBound"
  | "CycleDetected"
  | "UnreachableNodes"
  | "DuplicateAlias";

export interface CompileProblem {
  code: CompileProblemCode;
  /** The node the problem is about (a workflow-level problem uses "start-node", as Flyte does). */
  nodeId: string;
  message: string;
  /** The workflow (primary or sub-workflow) the node belongs to, as `project/domain/name@version`. */
  workflow: string;
}

/** A workflow spec that cannot be compiled; the registration handler maps it to InvalidArgument. */
export class CompileError extends Error {
  readonly problems: CompileProblem[];

  constructor(problems: CompileProblem[]) {
    super(formatProblems(problems));
    this.name = "CompileError";
    this.problems = problems;
  }
}

function formatProblems(problems: CompileProblem[]): string {
  const lines = problems.map((p) => `${p.code}: [${p.workflow ? `${p.workflow} ` : ""}node ${p.nodeId}] ${p.message}`);
  if (lines.length === 1) return `failed to compile workflow: ${lines[0]}`;
  return `failed to compile workflow (${lines.length} problems):\n${lines.map((l) => `  - ${l}`).join("\n")}`;
}

/** Collects problems while compiling so that one request reports all of them at once. */
export class ProblemList {
  readonly items: CompileProblem[] = [];
  private workflow = "";

  add(code: CompileProblemCode, nodeId: string, message: string): void {
    this.items.push({ code, nodeId, message, workflow: this.workflow });
  }

  /** Attributes problems added from now on to `workflow`; call the returned function to restore. */
  enter(workflow: string): () => void {
    const previous = this.workflow;
    this.workflow = workflow;
    return () => {
      this.workflow = previous;
    };
  }

  get size(): number {
    return this.items.length;
  }
}
