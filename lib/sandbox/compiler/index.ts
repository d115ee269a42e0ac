// The sandbox's workflow compiler: what FlyteAdmin runs on CreateWorkflow. It turns a WorkflowSpec
// (template + sub-workflows, as flytekit serialises them) into the CompiledWorkflowClosure that the
// executor walks and the console draws, or throws a CompileError naming each problem and its node.
import { create } from "@bufbuild/protobuf";
import type { WorkflowSpec } from "@/lib/gen/flyteidl/admin/workflow_pb";
import {
  CompiledTaskSchema,
  CompiledWorkflowClosureSchema,
  type CompiledWorkflow,
  type CompiledWorkflowClosure,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { WorkflowTemplate } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { CompileContext, LaunchPlanInterface, LaunchPlanResolver, TaskResolver } from "./context";
import { CompileError, ProblemList } from "./errors";
import { START_NODE_ID, formatIdentifier, identifierKey } from "./identifiers";
import { compileTemplate } from "./workflow";

export { CompileError, type CompileProblem, type CompileProblemCode } from "./errors";
export { END_NODE_ID, START_NODE_ID, identifierKey } from "./identifiers";
export type { LaunchPlanInterface, LaunchPlanResolver, TaskResolver } from "./context";

/**
 * Compiles `spec` into a closure: the primary workflow and every sub-workflow of the spec as
 * CompiledWorkflows with connections, and every task the workflows reference (sub-workflows, branch
 * cases, array sub-nodes and failure nodes included) as CompiledTasks. Launch-plan nodes are checked
 * against `resolveLaunchPlan` (pass an admin LaunchPlanClosure); the closure does not embed launch plans,
 * as FlyteAdmin's does not.
 */
export function compileWorkflow(
  spec: WorkflowSpec,
  resolveTask: TaskResolver,
  resolveLaunchPlan?: LaunchPlanResolver,
): CompiledWorkflowClosure {
  const problems = new ProblemList();
  if (!spec.template) {
    problems.add("ValueRequired", START_NODE_ID, "the spec has no workflow template");
    throw new CompileError(problems.items);
  }

  const tasks = new Map<string, TaskTemplate>();
  const subTemplates = new Map<string, WorkflowTemplate>();
  for (const sub of spec.subWorkflows) {
    if (!subTemplates.has(identifierKey(sub.id))) subTemplates.set(identifierKey(sub.id), sub);
  }
  const compiledSubs = new Map<string, CompiledWorkflow>();
  const compiling = new Set<string>([identifierKey(spec.template.id)]);

  const ctx: CompileContext = {
    problems,
    task(id, nodeId) {
      if (!id) {
        problems.add("ValueRequired", nodeId, "task node has no task reference");
        return undefined;
      }
      const key = identifierKey(id);
      const known = tasks.get(key);
      if (known) return known;
      const task = resolveTask(id);
      if (!task) {
        problems.add("TaskReferenceNotFound", nodeId, `references task ${formatIdentifier(id)}, which is not registered`);
        return undefined;
      }
      tasks.set(key, task);
      return task;
    },
    launchPlan(id, nodeId) {
      const lp: LaunchPlanInterface | undefined = id && resolveLaunchPlan ? resolveLaunchPlan(id) : undefined;
      if (!lp) problems.add("WorkflowReferenceNotFound", nodeId, `references launch plan ${formatIdentifier(id)}, which is not registered`);
      return lp;
    },
    subWorkflow(id, nodeId) {
      const key = identifierKey(id);
      const template = subTemplates.get(key);
      if (!template) {
        problems.add("WorkflowReferenceNotFound", nodeId, `references sub-workflow ${formatIdentifier(id)}, which is not in the spec's sub_workflows`);
        return undefined;
      }
      if (compiling.has(key)) {
        problems.add("RecursiveSubWorkflow", nodeId, `sub-workflow ${formatIdentifier(id)} includes itself`);
        return template;
      }
      if (!compiledSubs.has(key)) compileSub(key, template);
      return template;
    },
  };

  function compileSub(key: string, template: WorkflowTemplate): void {
    compiling.add(key);
    compiledSubs.set(key, compileTemplate(template, ctx));
    compiling.delete(key);
  }

  const primary = compileTemplate(spec.template, ctx);
  for (const [key, template] of subTemplates) if (!compiledSubs.has(key)) compileSub(key, template);
  if (problems.size > 0) throw new CompileError(problems.items);

  return create(CompiledWorkflowClosureSchema, {
    primary,
    subWorkflows: [...subTemplates.keys()].map((key) => compiledSubs.get(key) as CompiledWorkflow),
    tasks: [...tasks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, template]) => create(CompiledTaskSchema, { template })),
  });
}

/** Convenience for callers that hold an Identifier-keyed map of tasks. */
export function taskResolverFrom(templates: Iterable<TaskTemplate>): (id: Identifier) => TaskTemplate | undefined {
  const byKey = new Map<string, TaskTemplate>();
  for (const t of templates) byKey.set(identifierKey(t.id), t);
  return (id) => byKey.get(identifierKey(id));
}
