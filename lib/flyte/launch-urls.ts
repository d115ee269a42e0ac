// The launch form's URL: what to launch lives in its query.
import { consolePath, nonEmpty, toSearchParams, type QueryInput } from "./urls";

/**
 * What the launch form launches: a launch plan, a workflow (through its default launch plan, or the
 * launch plan of that workflow version named `plan`) or a task, or a copy of an execution.
 */
export type LaunchTarget =
  | { launchPlan: string; version?: string }
  | { workflow: string; version?: string; plan?: string }
  | { task: string; version?: string }
  | { relaunch: string };

/** The launch form for a target; no version means the latest. */
export function launchPath(args: { project: string; domain: string } & LaunchTarget): string {
  const { project, domain, ...target } = args;
  const query: Record<string, string | undefined> = {};
  if ("relaunch" in target) query.relaunch = target.relaunch;
  else {
    if ("launchPlan" in target) query.launchPlan = target.launchPlan;
    else if ("workflow" in target) query.workflow = target.workflow;
    else query.task = target.task;
    query.version = target.version || undefined;
    if ("workflow" in target) query.plan = target.plan || undefined;
  }
  return consolePath({ page: "launch", project, domain }, query);
}

/** The launch target a launch page's query names, or undefined when it names none. */
export function parseLaunchTarget(query: QueryInput): LaunchTarget | undefined {
  const q = toSearchParams(query);
  const version = nonEmpty(q.get("version"));
  const relaunch = nonEmpty(q.get("relaunch"));
  if (relaunch) return { relaunch };
  const launchPlan = nonEmpty(q.get("launchPlan"));
  if (launchPlan) return compact({ launchPlan, version });
  const workflow = nonEmpty(q.get("workflow"));
  if (workflow) return compact({ workflow, version, plan: nonEmpty(q.get("plan")) });
  const task = nonEmpty(q.get("task"));
  if (task) return compact({ task, version });
  return undefined;
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
