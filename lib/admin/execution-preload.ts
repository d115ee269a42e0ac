// An execution page's data, fetched while the server renders the route so a deep link paints at once:
// the execution (the header comes with the HTML), its compiled workflow, and the live watch's first
// snapshot, taken from the process's WatchHub so its cursor is one the browser's stream can resume from.
// Best effort within a time budget: on any failure the browser fetches it all itself, as without.
import { Code, ConnectError } from "@connectrpc/connect";
import { headers } from "next/headers";
import { create } from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowSchema, type Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { opaqueFrom } from "@/lib/protobuf/opaque";
import { encodeExecutionPreload, encodeExecutionPreloadRest, type ExecutionPreload, type ExecutionPreloadRest } from "@/lib/query/execution-preload";
import { credentialsFor } from "./credentials";
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

/** What the page can render at once (the execution, or NotFound), and the rest as it comes. */
export interface PreloadInParts {
  head: ExecutionPreload;
  /** The workflow and the watch's snapshot, each when it came within the budget; never rejects. */
  rest: Promise<ExecutionPreloadRest>;
}

/**
 * What `viewer` may see of execution `id`, fetched with their own credentials within `budgetMs`, in two
 * parts: the execution as soon as FlyteAdmin answers (the page's header needs no more, so the HTML starts
 * with it), then the workflow and the watch's snapshot when they arrive in time. NotFound says so (the page
 * renders its not-found state); any other failure of GetExecution gives undefined.
 */
export async function preloadExecutionInParts(
  up: Upstream,
  hub: WatchHub,
  id: { project: string; domain: string; name: string },
  viewer: PreloadViewer,
  budgetMs: number,
): Promise<PreloadInParts | undefined> {
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
  const done = () => {
    clearTimeout(timer);
    abort.abort();
  };
  let execution: Execution;
  try {
    execution = await up.admin.getExecution({ id }, call);
  } catch (err) {
    // Without the execution there is nothing to render: stop waiting for the rest.
    done();
    watching.abort();
    return ConnectError.from(err).code === Code.NotFound ? { head: { kind: "notFound" }, rest: Promise.resolve({}) } : undefined;
  }
  const workflowId = execution.closure?.workflowId;
  const workflow = workflowId ? opaqueWorkflow(up, workflowId, viewer.headers, budgetMs, abort.signal) : Promise.resolve(undefined);
  const rest = Promise.allSettled([workflow, Promise.race([snapshot, budget])])
    .then(([w, s]) =>
      encodeExecutionPreloadRest({
        workflow: w.status === "fulfilled" ? w.value : undefined,
        watch: s.status === "fulfilled" && s.value ? watchResponse(s.value) : undefined,
      }),
    )
    .finally(done);
  return { head: encodeExecutionPreload({ execution, renderedAt: Date.now() }), rest };
}

/** The whole preload at once: the execution with the workflow and snapshot that came in time. */
export async function preloadExecution(
  up: Upstream,
  hub: WatchHub,
  id: { project: string; domain: string; name: string },
  viewer: PreloadViewer,
  budgetMs: number,
): Promise<ExecutionPreload | undefined> {
  const parts = await preloadExecutionInParts(up, hub, id, viewer, budgetMs);
  if (!parts || parts.head.kind === "notFound") return parts?.head;
  return { ...parts.head, ...(await parts.rest) };
}

/** The execution page's preload for the request being rendered, in parts; undefined when signed out or on failure. */
export async function loadExecutionPreload(project: string, domain: string, name: string): Promise<PreloadInParts | undefined> {
  try {
    const up = upstream();
    const credentials = credentialsFor(await headers(), up.config);
    // Signed out: the browser's own request gets the Unauthenticated that sends it to sign in.
    if (!credentials.ok) return undefined;
    return await preloadExecutionInParts(up, watchHub(), { project, domain, name }, credentials, SERVER_FETCH_MS);
  } catch {
    return undefined;
  }
}
