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
import { defaultExpanded } from "./default-expanded";
import { layoutInput, type LayoutInput, type LayoutNodeInput } from "./layout-input";

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

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  key: string;
  boxes: Record<string, NodeBox>;
  /**
   * Per edge id, the points its line passes through (relative to the edge's group, like boxes), where the
   * layout routed it around the nodes between its ends; edges without a route go straight from end to end.
   */
  routes?: Record<string, Point[]>;
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
  const edgesByParent = new Map<string, { id: string; source: string; target: string }[]>();
  for (const e of input.edges) {
    const parent = e.parentId ?? ROOT;
    const list = edgesByParent.get(parent) ?? [];
    list.push(e);
    edgesByParent.set(parent, list);
  }
  const boxes: Record<string, NodeBox> = {};
  const routes: Record<string, Point[]> = {};
  const routedIn = new Map<string, string[]>();

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
        for (const id of routedIn.get(n.id) ?? []) routes[id] = routes[id].map((p) => ({ x: p.x + pad.left, y: p.y + pad.top }));
      }
      sized.push({ id: n.id, width, height });
    }
    const edges = edgesByParent.get(parent) ?? [];
    let placed: Record<string, NodeBox>;
    if (sized.length > DAGRE_FAST_MAX) placed = layeredPlacement(sized, edges);
    else {
      const laid = dagrePlacement(sized, edges);
      placed = laid.boxes;
      const ids: string[] = [];
      for (const e of edges) {
        const points = laid.routes.get(`${e.source}\u0000${e.target}`);
        if (!points) continue;
        routes[e.id] = points;
        ids.push(e.id);
      }
      routedIn.set(parent, ids);
    }
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
  return { key: input.key, boxes, routes, width: size.width, height: size.height };
}

function dagrePlacement(nodes: Sized[], edges: { source: string; target: string }[]): { boxes: Record<string, NodeBox>; routes: Map<string, Point[]> } {
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
  const routes = new Map<string, Point[]>();
  const columns = columnHalfWidths(Object.values(boxes));
  for (const { v, w } of g.edges()) {
    const points = (g.edge(v, w) as { points?: Point[] } | undefined)?.points ?? [];
    routes.set(`${v}\u0000${w}`, edgeRoute(boxes[v], boxes[w], points.slice(1, -1), columns));
  }
  return { boxes, routes };
}

const columnOf = (x: number) => Math.round(x);

/** dagre centres a rank's nodes on one x: per rank, half the widest node's width. */
function columnHalfWidths(boxes: NodeBox[]): Map<number, number> {
  const half = new Map<number, number>();
  for (const b of boxes) {
    const c = columnOf(b.x + b.width / 2);
    half.set(c, Math.max(half.get(c) ?? 0, b.width / 2));
  }
  return half;
}

/**
 * An edge's line: out of the source's right side and straight across its column, through the points dagre
 * placed for it in the columns it crosses (in the gaps between their nodes, straight across each column),
 * and straight into the target's left side. It changes height only between columns, where no node is, so it
 * never runs under a node.
 */
export function edgeRoute(source: NodeBox, target: NodeBox, between: readonly Point[], columns: ReadonlyMap<number, number>): Point[] {
  const sy = source.y + source.height / 2;
  const ty = target.y + target.height / 2;
  const sc = source.x + source.width / 2;
  const tc = target.x + target.width / 2;
  const out: Point[] = [{ x: source.x + source.width, y: sy }];
  out.push({ x: sc + (columns.get(columnOf(sc)) ?? source.width / 2), y: sy });
  for (const p of between) {
    // dagre also puts a point in each gap between ranks; only those in a column of nodes matter.
    const h = columns.get(columnOf(p.x));
    if (h !== undefined) out.push({ x: p.x - h, y: p.y }, { x: p.x + h, y: p.y });
  }
  out.push({ x: tc - (columns.get(columnOf(tc)) ?? target.width / 2), y: ty });
  out.push({ x: target.x, y: ty });
  return out.filter((p, i) => i === 0 || p.x !== out[i - 1].x || p.y !== out[i - 1].y);
}
