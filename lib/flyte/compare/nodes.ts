// Node by node across runs: phase, attempts, cache status, queued and running time, and (where fetched) the
// node's inputs and result, each against the first run; ranked with the node that slowed down most first. Pure.
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import type { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { durationMs, timestampMs } from "../time";
import { compareLiteralMaps, type VariableComparison } from "./values";

/**
 * A time counts as changed only past both: runs of one task differ by scheduling noise, and a page that marked
 * every node 40 ms slower would hide the one that doubled.
 */
export const TIME_CHANGE_MIN_MS = 1_000;
export const TIME_CHANGE_MIN_RATIO = 0.25;

/** The workflow's own bookends: their data is the execution's inputs and outputs, compared on their own. */
const BOOKENDS = new Set(["start-node", "end-node"]);

export const CACHE_LABEL: Record<number, string> = {
  [CatalogCacheStatus.CACHE_DISABLED]: "off",
  [CatalogCacheStatus.CACHE_MISS]: "miss",
  [CatalogCacheStatus.CACHE_HIT]: "hit",
  [CatalogCacheStatus.CACHE_POPULATED]: "populated",
  [CatalogCacheStatus.CACHE_LOOKUP_FAILURE]: "lookup failed",
  [CatalogCacheStatus.CACHE_PUT_FAILURE]: "write failed",
  [CatalogCacheStatus.CACHE_SKIPPED]: "skipped",
  [CatalogCacheStatus.CACHE_EVICTED]: "evicted",
};

/** What was fetched of a node beyond its node execution (attempts and data cost a call each). */
export interface NodeDetails {
  /** Task attempts (task executions); undefined: not fetched. */
  attempts?: number;
  inputs?: LiteralMap;
  outputs?: LiteralMap;
}

export interface NodeFacts {
  phase: NodeExecution_Phase;
  cacheStatus: CatalogCacheStatus;
  /** Created → started. */
  queuedMs?: number;
  /** Started → ended (FlyteAdmin's duration). */
  runningMs?: number;
  attempts?: number;
}

/** How a node changed, against the first run. */
export type NodeChange = "added" | "removed" | "phase" | "result" | "inputs" | "attempts" | "cache" | "slower" | "faster" | "queued-longer" | "queued-shorter";

/** Most telling first: the graph marks a node by the first of its changes in this order. */
export const CHANGE_ORDER: readonly NodeChange[] = ["added", "removed", "phase", "result", "inputs", "attempts", "cache", "slower", "faster", "queued-longer", "queued-shorter"];

export const CHANGE_LABEL: Record<NodeChange, string> = {
  added: "only in a later run",
  removed: "missing from a later run",
  phase: "phase changed",
  result: "result changed",
  inputs: "inputs changed",
  attempts: "attempts changed",
  cache: "cache status changed",
  slower: "ran slower",
  faster: "ran faster",
  "queued-longer": "queued longer",
  "queued-shorter": "queued shorter",
};

export interface NodeComparison {
  /** FlyteAdmin's node id: a nested node's is scoped by its parents' (`n1-0-n0`, or a hash when long). */
  nodeId: string;
  /** The node's id in its own workflow (metadata.spec_node_id; the node id at the top level). */
  specNodeId: string;
  /** The node ids of its parents (sub-workflow, dynamic or branch nodes), outermost first; empty at the top level. */
  path: string[];
  /** By run, in the order given; undefined where that run has no execution of the node. */
  facts: (NodeFacts | undefined)[];
  /** Every kind of change any run shows against the first, in CHANGE_ORDER. */
  changes: NodeChange[];
  /** The largest change of running time against the first run (ms; positive: slower). 0 when unknown. */
  runningDeltaMs: number;
  queuedDeltaMs: number;
  /** Variables of the node's result and inputs, where both were fetched for every run that ran it. */
  outputs?: VariableComparison[];
  inputs?: VariableComparison[];
}

export function nodeFacts(ne: NodeExecution, details?: NodeDetails): NodeFacts {
  const c = ne.closure;
  const created = timestampMs(c?.createdAt);
  const started = timestampMs(c?.startedAt);
  const meta = c?.targetMetadata;
  return {
    phase: c?.phase ?? 0,
    cacheStatus: meta?.case === "taskNodeMetadata" ? meta.value.cacheStatus : CatalogCacheStatus.CACHE_DISABLED,
    queuedMs: created !== undefined && started !== undefined ? Math.max(0, started - created) : undefined,
    runningMs: started !== undefined ? durationMs(c?.duration) : undefined,
    attempts: details?.attempts,
  };
}

/** A change of time worth a mark: past TIME_CHANGE_MIN_MS and TIME_CHANGE_MIN_RATIO of the first run's. */
export function significantTimeChange(base: number | undefined, other: number | undefined): -1 | 0 | 1 {
  if (base === undefined || other === undefined) return 0;
  const delta = other - base;
  if (Math.abs(delta) < TIME_CHANGE_MIN_MS || Math.abs(delta) < TIME_CHANGE_MIN_RATIO * Math.max(base, 1)) return 0;
  return delta > 0 ? 1 : -1;
}

function biggest(deltas: number[]): number {
  return deltas.reduce((best, d) => (Math.abs(d) > Math.abs(best) || (Math.abs(d) === Math.abs(best) && d > best) ? d : best), 0);
}

export interface RunNodes {
  /** Every node execution of the run, nested ones included. */
  nodes: Iterable<NodeExecution>;
  /** A nested node's parent node id, by its node id (as listed with ListNodeExecutions' unique_parent_id). */
  parents?: ReadonlyMap<string, string>;
  /** By node id: what was fetched beyond the node execution. */
  details?: ReadonlyMap<string, NodeDetails>;
}

const byNodeId = (nodes: Iterable<NodeExecution>) => {
  const m = new Map<string, NodeExecution>();
  for (const ne of nodes) {
    const id = ne.id?.nodeId;
    // A sub-workflow's own bookends too (spec ids start-node and end-node): its data is its parent node's.
    if (id && !BOOKENDS.has(id) && !BOOKENDS.has(ne.metadata?.specNodeId ?? "")) m.set(id, ne);
  }
  return m;
};

/** The parents of `nodeId` in one run, outermost first. */
function pathOf(nodeId: string, parents: ReadonlyMap<string, string> | undefined): string[] {
  const path: string[] = [];
  for (let p = parents?.get(nodeId); p !== undefined && p !== nodeId && !path.includes(p); p = parents?.get(p)) path.unshift(p);
  return path;
}

function compareData(pick: (d: NodeDetails) => LiteralMap | undefined, present: boolean[], details: (NodeDetails | undefined)[]): VariableComparison[] | undefined {
  // Compared only when every run that ran the node has the data: a missing fetch is not a difference.
  if (!details.every((d, i) => !present[i] || (d && pick(d)))) return undefined;
  const maps = details.filter((_, i) => present[i]).map((d) => pick(d!));
  if (maps.length < 2) return undefined;
  return compareLiteralMaps(maps);
}

/**
 * The runs' nodes side by side, nested ones (children of sub-workflows, dynamic nodes and branches) included, by
 * FlyteAdmin's node id; the first run the baseline. Nodes with a change come first, the largest slow-down of
 * running time leading, then queued time; nodes without a change follow in the same order.
 */
export function compareNodes(runs: readonly RunNodes[]): NodeComparison[] {
  const maps = runs.map((r) => byNodeId(r.nodes));
  const ids = [...new Set(maps.flatMap((m) => [...m.keys()]))];
  const rows = ids.map((nodeId): NodeComparison => {
    const executions = maps.map((m) => m.get(nodeId));
    const details = runs.map((r) => r.details?.get(nodeId));
    const facts = executions.map((ne, i) => (ne ? nodeFacts(ne, details[i]) : undefined));
    const first = executions.findIndex((ne) => ne !== undefined);
    const base = facts[0];
    const kinds = new Set<NodeChange>();
    const running: number[] = [];
    const queued: number[] = [];
    for (const f of facts.slice(1)) {
      if (!base && f) kinds.add("added");
      if (base && !f) kinds.add("removed");
      if (!base || !f) continue;
      if (f.phase !== base.phase) kinds.add("phase");
      if (f.cacheStatus !== base.cacheStatus) kinds.add("cache");
      if (f.attempts !== undefined && base.attempts !== undefined && f.attempts !== base.attempts) kinds.add("attempts");
      const run = significantTimeChange(base.runningMs, f.runningMs);
      if (run > 0) kinds.add("slower");
      if (run < 0) kinds.add("faster");
      const queue = significantTimeChange(base.queuedMs, f.queuedMs);
      if (queue > 0) kinds.add("queued-longer");
      if (queue < 0) kinds.add("queued-shorter");
      if (base.runningMs !== undefined && f.runningMs !== undefined) running.push(f.runningMs - base.runningMs);
      if (base.queuedMs !== undefined && f.queuedMs !== undefined) queued.push(f.queuedMs - base.queuedMs);
    }
    const present = executions.map((ne) => ne !== undefined);
    const outputs = compareData((d) => d.outputs, present, details);
    const inputs = compareData((d) => d.inputs, present, details);
    if (outputs?.some((v) => v.differs)) kinds.add("result");
    if (inputs?.some((v) => v.differs)) kinds.add("inputs");
    return {
      nodeId,
      specNodeId: executions[first]?.metadata?.specNodeId || nodeId,
      path: pathOf(nodeId, runs[first]?.parents),
      facts,
      changes: CHANGE_ORDER.filter((k) => kinds.has(k)),
      runningDeltaMs: biggest(running),
      queuedDeltaMs: biggest(queued),
      ...(outputs ? { outputs } : {}),
      ...(inputs ? { inputs } : {}),
    };
  });
  return rows.sort(
    (a, b) =>
      Number(b.changes.length > 0) - Number(a.changes.length > 0) ||
      b.runningDeltaMs - a.runningDeltaMs ||
      b.queuedDeltaMs - a.queuedDeltaMs ||
      (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0),
  );
}

/** How the graph marks a node: its most telling change, or nothing. */
export function nodeMark(row: NodeComparison): NodeChange | undefined {
  return row.changes[0];
}
