// What the server fetched for an execution page while rendering it, so that a deep link paints at once:
// the execution (its header is in the HTML), its compiled workflow (the graph lays out without asking), and
// the live watch's first snapshot with its cursor (the browser's stream resumes from there). Binary protobuf
// in base64: plain strings cross the server/client boundary. No React here: the server's loader imports it.
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { base64Decode, base64Encode } from "@bufbuild/protobuf/wire";
import { WatchExecutionResponseSchema, type WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ExecutionSchema, type Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowSchema, type Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Layout } from "@/lib/flyte/graph/layout";
import { workflowPhase } from "@/lib/flyte/phases";

export type ExecutionPreload =
  | FoundExecution
  /** FlyteAdmin answered NotFound for the viewer's credentials. */
  | { kind: "notFound" };

export interface FoundExecution {
  kind: "found";
  /** GetExecution's answer. */
  execution: string;
  /** GetWorkflow's answer for the execution's closure.workflowId, when it came in time. */
  workflow?: string;
  /** The watch's snapshot (WatchExecutionResponse) with the cursor to resume from, when it came in time. */
  watch?: string;
  /** The workflow graph's first layout (a Layout as JSON), computed on the server: the graph draws without laying out. */
  layout?: string;
  /** When the server rendered the page (epoch ms, the server's clock): running durations start from it on both sides. */
  renderedAt: number;
  /** The messages as the server decoded them, held for its own render of the page (handOverPreload). */
  ref?: string;
}

export interface PreloadedExecution {
  execution: Execution;
  workflow?: Workflow;
  watch?: WatchExecutionResponse;
  /** Sent as is (JSON), read by the browser only. */
  layout?: string;
  renderedAt: number;
}

/** A preload as the page starts from: the layout parsed. */
export type DecodedPreload = Omit<PreloadedExecution, "layout"> & { layout?: Layout };

export interface DecodeOptions {
  /**
   * For the server's render of the page, which draws no graph: no layout, and no workflow (the costliest message to
   * decode) unless the execution runs, as the gate banner, rendered on both sides, reads the gates from it.
   */
  serverRender?: boolean;
}

/*
 * The server's render of the page runs in the process that has just fetched and encoded the preload: it takes the
 * messages from there rather than decoding them again (tens of ms for a 1,000-node snapshot, on every request).
 * Held on globalThis (Next bundles the loader and the page's render separately), under a random ref sent with the
 * preload; taken once, and dropped after HANDOVER_MS when no render takes it.
 */
const HANDOVER_KEY = "__flyteConsolePreloadHandover";
const HANDOVER_MS = 30_000;
type WithHandover = typeof globalThis & { [HANDOVER_KEY]?: Map<string, PreloadedExecution> };
const handovers = () => ((globalThis as WithHandover)[HANDOVER_KEY] ??= new Map());

/** Holds `p` for the server's render of the page whose preload carries the returned ref. Server only. */
export function handOverPreload(p: PreloadedExecution): string {
  const ref = crypto.randomUUID();
  const held = handovers();
  held.set(ref, p);
  setTimeout(() => held.delete(ref), HANDOVER_MS).unref?.();
  return ref;
}

function takeHandover(ref: string | undefined): PreloadedExecution | undefined {
  if (!ref) return undefined;
  const held = handovers();
  const p = held.get(ref);
  held.delete(ref);
  return p;
}

/** `p` for the page; with `handOver`, also held for the server's render of it (handOverPreload). */
export function encodeExecutionPreload(p: PreloadedExecution, opts: { handOver?: boolean } = {}): FoundExecution {
  return {
    kind: "found",
    execution: base64Encode(toBinary(ExecutionSchema, p.execution)),
    ...(p.workflow ? { workflow: base64Encode(toBinary(WorkflowSchema, p.workflow)) } : {}),
    ...(p.watch ? { watch: base64Encode(toBinary(WatchExecutionResponseSchema, p.watch)) } : {}),
    ...(p.layout ? { layout: p.layout } : {}),
    renderedAt: p.renderedAt,
    ...(opts.handOver ? { ref: handOverPreload(p) } : {}),
  };
}

const sameId = (a: Identifier | undefined, b: Identifier | undefined) =>
  !!a && !!b && a.resourceType === b.resourceType && a.project === b.project && a.domain === b.domain && a.name === b.name && a.version === b.version;

/**
 * The preload of execution `id`, or undefined when there is none to use (none sent, another execution's, or
 * corrupt): the page then fetches as it would without. A workflow or watch that does not belong to the
 * execution is left out alone, and so is a layout that is not one.
 */
export function decodeExecutionPreload(
  p: ExecutionPreload | undefined,
  id: { project: string; domain: string; name: string },
  opts: DecodeOptions = {},
): DecodedPreload | "notFound" | undefined {
  if (!p) return undefined;
  if (p.kind === "notFound") return "notFound";
  try {
    const held = opts.serverRender ? takeHandover(p.ref) : undefined;
    const execution = held?.execution ?? fromBinary(ExecutionSchema, base64Decode(p.execution));
    const eid = execution.id;
    if (eid?.project !== id.project || eid.domain !== id.domain || eid.name !== id.name) return undefined;
    const graph = !opts.serverRender;
    const needsWorkflow = graph || !workflowPhase(execution.closure?.phase ?? 0).isTerminal;
    const workflow = needsWorkflow && p.workflow ? fromBinary(WorkflowSchema, base64Decode(p.workflow)) : undefined;
    const watch = held ? held.watch : p.watch ? fromBinary(WatchExecutionResponseSchema, base64Decode(p.watch)) : undefined;
    const watchId = watch?.execution?.id;
    return {
      execution,
      workflow: workflow && sameId(workflow.id, execution.closure?.workflowId) ? workflow : undefined,
      watch: watch?.snapshot && watch.cursor && watchId?.project === id.project && watchId.domain === id.domain && watchId.name === id.name ? watch : undefined,
      layout: graph && p.layout ? parseLayout(p.layout) : undefined,
      renderedAt: p.renderedAt,
    };
  } catch {
    return undefined;
  }
}

function parseLayout(json: string): Layout | undefined {
  try {
    const l = JSON.parse(json) as Partial<Layout> | null;
    return typeof l?.key === "string" && typeof l.boxes === "object" && l.boxes !== null && typeof l.width === "number" && typeof l.height === "number" ? (l as Layout) : undefined;
  } catch {
    return undefined;
  }
}
