// Positions for the DAG: dagre, left to right, one level at a time from the innermost open
// group outwards, so an open group is sized around its own laid-out children. Pure; runs in a
// web worker (layout.worker.ts) and in tests.
//
// dagre's network-simplex ranking and crossing minimisation grow much faster than linearly: 1,000
// nodes took ~40 s and 5,000 overflowed the stack. Large levels therefore use dagre's longest-path
// ranking without the ordering heuristic, and the largest ones a plain layered placement (ranks by
// longest path, one barycentre sweep), which takes milliseconds at 5,000 nodes.
import dagre from "@dagrejs/dagre";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { buildWorkflowGraph } from "./build";
import { layoutInput, type LayoutInput, type LayoutNodeInput } from "./layout-input";

/**
 * Part of every stored layout's key (components/dag/use-layout.ts keeps layouts across visits): bump it when the
 * placement below or the node sizes in layout-input.ts change, so no browser reuses a layout drawn the old way.
 */
export const LAYOUT_VERSION = 2;

/** Graphs with fewer nodes than this open every group; bigger ones open with groups closed. */
const OPEN_ALL_BELOW = 40;

/** The closure's node count: its workflow's and its sub-workflows' nodes (not branch cases or array inner nodes). */
export function closureNodeCount(closure: CompiledWorkflowClosure): number {
  return (closure.primary?.template?.nodes.length ?? 0) + closure.subWorkflows.reduce((s, w) => s + (w.template?.nodes.length ?? 0), 0);
}

/** Which groups a graph opens with until the viewer toggles one: all in a small workflow, none in a large one. */
export function defaultExpanded(closure: CompiledWorkflowClosure): "all" | ReadonlySet<string> {
  return closureNodeCount(closure) < OPEN_ALL_BELOW ? "all" : new Set();
}

/**
 * The layout a viewer of `closure` first sees: groups open as by default, no dynamic workflow yielded yet, no
 * filter. A pure function of the closure, so a server may compute it once per closure and send it with the page
 * (the browser takes it through primeLayoutCache in components/dag/use-layout.ts); `key` says which graph it fits.
 */
export function initialLayout(closure: CompiledWorkflowClosure): Layout {
  return computeLayout(layoutInput(buildWorkflowGraph(closure, { expanded: defaultExpanded(closure) })));
}

export interface NodeBox {
  /** Top-left, relative to the parent group (React Flow's convention for `parentId`). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  key: string;
  boxes: Record<string, NodeBox>;
  width: number;
  height: number;
}

const ROOT = "\u0000root";
const NODESEP = 20;
const RANKSEP = 56;
/** Up to here dagre's defaults (best drawing); above, its fast settings. */
const DAGRE_FULL_MAX = 300;
/** Above this, the layered placement below. */
const DAGRE_FAST_MAX = 800;

interface Sized {
  id: string;
  width: number;
  height: number;
}

/**
 * Longest-path ranks, barycentre order within a rank, ranks left to right, centred vertically.
 * Hand-written on purpose: no layout library we measured (dagre, even with its fast settings) places
 * 5,000 nodes in interactive time, and this does in milliseconds.
 */
export function layeredPlacement(nodes: Sized[], edges: { source: string; target: string }[]): Record<string, NodeBox> {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const preds: number[][] = nodes.map(() => []);
  const succs: number[][] = nodes.map(() => []);
  const indegree = new Array<number>(nodes.length).fill(0);
  for (const e of edges) {
    const from = index.get(e.source);
    const to = index.get(e.target);
    if (from === undefined || to === undefined || from === to) continue;
    preds[to].push(from);
    succs[from].push(to);
    indegree[to]++;
  }
  const rank = new Array<number>(nodes.length).fill(0);
  const queue = nodes.map((_, i) => i).filter((i) => indegree[i] === 0);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of succs[v]) {
      rank[w] = Math.max(rank[w], rank[v] + 1);
      if (--indegree[w] === 0) queue.push(w);
    }
  }
  const ranks: number[][] = [];
  for (let i = 0; i < nodes.length; i++) (ranks[rank[i]] ??= []).push(i);
  const order = new Array<number>(nodes.length).fill(0);
  for (const members of ranks) {
    if (!members) continue;
    const centre = (v: number) =>
      preds[v].length ? preds[v].reduce((sum, u) => sum + order[u], 0) / preds[v].length : v;
    members.sort((a, b) => centre(a) - centre(b) || a - b);
    members.forEach((v, i) => (order[v] = i));
  }
  const heights = ranks.map((m) => (m ?? []).reduce((h, v) => h + nodes[v].height, 0) + NODESEP * Math.max(0, (m?.length ?? 1) - 1));
  const tallest = Math.max(0, ...heights);
  const boxes: Record<string, NodeBox> = {};
  let x = 0;
  ranks.forEach((members, r) => {
    if (!members) return;
    let y = (tallest - heights[r]) / 2;
    let widest = 0;
    for (const v of members) {
      const n = nodes[v];
      boxes[n.id] = { x, y, width: n.width, height: n.height };
      y += n.height + NODESEP;
      widest = Math.max(widest, n.width);
    }
    x += widest + RANKSEP;
  });
  return boxes;
}

export function computeLayout(input: LayoutInput): Layout {
  const children = new Map<string, LayoutNodeInput[]>();
  for (const n of input.nodes) {
    const parent = n.parentId ?? ROOT;
    const list = children.get(parent) ?? [];
    list.push(n);
    children.set(parent, list);
  }
  const edgesByParent = new Map<string, { source: string; target: string }[]>();
  for (const e of input.edges) {
    const parent = e.parentId ?? ROOT;
    const list = edgesByParent.get(parent) ?? [];
    list.push(e);
    edgesByParent.set(parent, list);
  }
  const boxes: Record<string, NodeBox> = {};

  const layoutLevel = (parent: string): { width: number; height: number } => {
    const members = children.get(parent) ?? [];
    const sized: Sized[] = [];
    for (const n of members) {
      let { width, height } = n;
      if (n.group && children.has(n.id)) {
        const inner = layoutLevel(n.id);
        const pad = n.padding ?? { top: 0, right: 0, bottom: 0, left: 0 };
        width = Math.max(width, inner.width + pad.left + pad.right);
        height = Math.max(height, inner.height + pad.top + pad.bottom);
        for (const child of children.get(n.id) ?? []) {
          boxes[child.id].x += pad.left;
          boxes[child.id].y += pad.top;
        }
      }
      sized.push({ id: n.id, width, height });
    }
    const edges = edgesByParent.get(parent) ?? [];
    const placed = sized.length > DAGRE_FAST_MAX ? layeredPlacement(sized, edges) : dagrePlacement(sized, edges);
    let maxX = 0;
    let maxY = 0;
    for (const n of sized) {
      const box = placed[n.id];
      boxes[n.id] = box;
      maxX = Math.max(maxX, box.x + box.width);
      maxY = Math.max(maxY, box.y + box.height);
    }
    return { width: maxX, height: maxY };
  };

  const size = layoutLevel(ROOT);
  return { key: input.key, boxes, width: size.width, height: size.height };
}

function dagrePlacement(nodes: Sized[], edges: { source: string; target: string }[]): Record<string, NodeBox> {
  const fast = nodes.length > DAGRE_FULL_MAX;
  const options = fast ? { ranker: "longest-path" as const, disableOptimalOrderHeuristic: true } : {};
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: NODESEP, ranksep: RANKSEP, marginx: 0, marginy: 0, ...options });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
  }
  dagre.layout(g, options);
  const boxes: Record<string, NodeBox> = {};
  for (const n of nodes) {
    const laid = g.node(n.id);
    boxes[n.id] = { x: laid.x - laid.width / 2, y: laid.y - laid.height / 2, width: laid.width, height: laid.height };
  }
  return boxes;
}
