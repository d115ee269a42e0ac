// The compare page's start from what the server fetched while rendering it: each run's execution page preload
// (lib/admin's loadExecutionPreload: the execution, its workflow and the live watch's snapshot) as the cache
// entries the page's queries read, so the browser asks for none of them and draws at once.
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { decodeExecutionPreload, type ExecutionPreload } from "./execution-preload";
import { compareKeys } from "./compare";

/** Cache entries for the runs the server preloaded (in `names`' order); undefined when it sent none to use. */
export function comparePreloadCache(
  scope: { project: string; domain: string },
  names: readonly string[],
  preloads: readonly (ExecutionPreload | undefined)[] | undefined,
  nowMs = Date.now(),
): DehydratedState | undefined {
  if (!preloads?.length) return undefined;
  const scratch = new QueryClient();
  let any = false;
  names.forEach((name, i) => {
    const decoded = decodeExecutionPreload(preloads[i], { ...scope, name });
    if (!decoded || decoded === "notFound") return;
    any = true;
    // Stamped with the browser's clock: how fresh the data is must not depend on the server's.
    scratch.setQueryData(compareKeys.execution(scope.project, scope.domain, name), decoded.execution, { updatedAt: nowMs });
    const workflowId = decoded.execution.closure?.workflowId;
    if (decoded.workflow && workflowId) scratch.setQueryData(compareKeys.workflow(workflowId), decoded.workflow, { updatedAt: nowMs });
    // The snapshot holds every node execution, children too: the page compares the top level, as ListNodeExecutions lists it.
    const watch = decoded.watch;
    if (watch) {
      const topLevel: NodeExecution[] = watch.nodeExecutions.filter((ne) => ne.id && !(ne.id.nodeId in watch.parentNodeIds));
      scratch.setQueryData(compareKeys.nodeExecutions(scope.project, scope.domain, name), topLevel, { updatedAt: nowMs });
    }
  });
  return any ? dehydrate(scratch) : undefined;
}
