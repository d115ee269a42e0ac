// An execution page's data, fetched while the server renders the route so a deep link paints at once:
// the execution (the header comes with the HTML), its compiled workflow, and the live watch's first
// snapshot, taken from the process's WatchHub so its cursor is one the browser's stream can resume from.
// Best effort within a time budget: on any failure the browser fetches it all itself, as without.
import { Code, ConnectError } from "@connectrpc/connect";
import { headers } from "next/headers";
import { create } from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import { WorkflowSchema, type Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { opaqueFrom } from "@/lib/protobuf/opaque";
import { encodeExecutionPreload, type ExecutionPreload } from "@/lib/query/execution-preload";
import { credentialsFor } from "./credentials";
import { layoutCache, type LayoutCache } from "./layout-cache";
import { upstream, type Upstream } from "./upstream";
import type { WatchHub } from "./watch/hub";
import { watchHub } from "./watch/shared-hub";
import { watchResponse } from "./watch/watch-state";

/** A slow FlyteAdmin must not hold the page: past this, the browser asks instead. */
const SERVER_FETCH_MS = 1_000;
/** How long the watch's first poll may go on after the page gave up waiting for it. */
const SNAPSHOT_GRACE_MS = 10_000;

export interface PreloadViewer {
  /** The viewer's credentials for FlyteAdmin (credentials.ts). */
  headers: Headers;
  expiresAtMs?: number;
}

/**
 * GetWorkflow's answer handed on as FlyteAdmin's bytes, unparsed (lib/protobuf/opaque.ts): a 1,000-node closure
 * is some 200 KB, which the server would otherwise decode and encode again only to pass it to the browser.
 */
async function opaqueWorkflow(up: Upstream, id: Identifier, headers: Headers, timeoutMs: number, signal: AbortSignal): Promise<Workflow> {
  const method = AdminService.method.getWorkflow;
  const res = await up.transport.unary({ ...method, output: EmptySchema }, signal, timeoutMs, headers, create(method.input, { id }));
  return opaqueFrom(WorkflowSchema, res.message);
}

/**
 * What `viewer` may see of execution `id`, fetched with their own credentials within `budgetMs`: the
 * execution, or nothing; with it the workflow and the watch's snapshot when they arrive in time, and the
 * workflow graph's first layout (from `layouts`, computed there on a miss) with the workflow.
 * NotFound says so (the page renders its not-found state); any other failure gives undefined.
 */
export async function preloadExecution(
  up: Upstream,
  hub: WatchHub,
  id: { project: string; domain: string; name: string },
  viewer: PreloadViewer,
  budgetMs: number,
  opts: {
    /** Where the workflow graph's first layout is kept, and computed on a miss; without it, none is sent. */
    layouts?: LayoutCache;
    /** The messages are held for this process's render of the page (lib/query/execution-preload.ts handOverPreload). */
    handOver?: boolean;
  } = {},
): Promise<ExecutionPreload | undefined> {
  const { layouts } = opts;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), budgetMs);
  const call = { headers: viewer.headers, timeoutMs: budgetMs, signal: abort.signal };
  // The watch's first poll goes on past the budget (within its own limit): the browser's stream, opened
  // moments later with the same credentials, then finds the snapshot ready instead of polling afresh.
  const watching = new AbortController();
  const watchTimer = setTimeout(() => watching.abort(), Math.max(budgetMs, SNAPSHOT_GRACE_MS));
  const snapshot = hub.snapshot(id, viewer, watching.signal).finally(() => {
    clearTimeout(watchTimer);
    watching.abort();
  });
  snapshot.catch(() => undefined);
  const budget = new Promise<undefined>((resolve) => abort.signal.addEventListener("abort", () => resolve(undefined), { once: true }));
  try {
    const execution = up.admin.getExecution({ id }, call);
    // Without the execution there is nothing to render: stop waiting for the rest.
    execution.catch(() => {
      abort.abort();
      watching.abort();
    });
    const workflow = execution.then((e) => (e.closure?.workflowId ? opaqueWorkflow(up, e.closure.workflowId, viewer.headers, budgetMs, abort.signal) : undefined));
    // Laid out as soon as the workflow is in, while the node executions are still on their way.
    const layout = workflow.then((w) => (w && layouts ? layouts.layoutOf(w) : undefined));
    const [e, w, s, l] = await Promise.allSettled([execution, workflow, Promise.race([snapshot, budget]), layout]);
    if (e.status === "rejected") return ConnectError.from(e.reason).code === Code.NotFound ? { kind: "notFound" } : undefined;
    return encodeExecutionPreload(
      {
        execution: e.value,
        workflow: w.status === "fulfilled" ? w.value : undefined,
        watch: s.status === "fulfilled" && s.value ? watchResponse(s.value) : undefined,
        layout: w.status === "fulfilled" && l.status === "fulfilled" ? l.value : undefined,
        renderedAt: Date.now(),
      },
      { handOver: opts.handOver },
    );
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** The execution page's preload for the request being rendered; undefined when signed out or on failure. */
export async function loadExecutionPreload(project: string, domain: string, name: string): Promise<ExecutionPreload | undefined> {
  try {
    const up = upstream();
    const request = await headers();
    const credentials = credentialsFor(request, up.config);
    // Signed out: the browser's own request gets the Unauthenticated that sends it to sign in.
    if (!credentials.ok) return undefined;
    // A client-side navigation asks for the RSC payload only: no server render of the page to hand the messages to.
    const handOver = request.get("rsc") !== "1";
    return await preloadExecution(up, watchHub(), { project, domain, name }, credentials, SERVER_FETCH_MS, { layouts: layoutCache(), handOver });
  } catch {
    return undefined;
  }
}
