// All edges of a large graph as one SVG path. React Flow draws each edge as its own <svg> with two
// paths and three store subscriptions: at 10,000 edges that is 30,000 elements to lay out and 30,000
// selectors to run on every frame of a pan. Edges here are not interactive, so one path serves.
import type { NodeBox, Point } from "@/lib/flyte/graph/layout";

/** Boxes in graph coordinates: layout boxes are relative to their open group. */
export function absoluteBoxes(boxes: Record<string, NodeBox>, parentOf: (id: string) => string | undefined): Map<string, NodeBox> {
  const out = new Map<string, NodeBox>();
  const place = (id: string): NodeBox | undefined => {
    const done = out.get(id);
    if (done) return done;
    const box = boxes[id];
    if (!box) return undefined;
    const parentId = parentOf(id);
    const parent = parentId !== undefined ? place(parentId) : undefined;
    const abs = parent ? { ...box, x: box.x + parent.x, y: box.y + parent.y } : box;
    out.set(id, abs);
    return abs;
  };
  for (const id of Object.keys(boxes)) place(id);
  return out;
}

const r = (v: number) => Math.round(v * 10) / 10;

/** A route's points in graph coordinates: routes are relative to their edge's group, like boxes. */
export function absoluteRoute(points: readonly Point[], parent: NodeBox | undefined): Point[] {
  return parent ? points.map((p) => ({ x: p.x + parent.x, y: p.y + parent.y })) : [...points];
}

/**
 * A line through a route's points: straight where two points are level, else a curve leaving and entering
 * level (so it bends only in the gaps between columns, where the layout put those turns).
 */
export function routePath(points: readonly Point[]): string {
  if (points.length === 0) return "";
  let d = `M${r(points[0].x)},${r(points[0].y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a.y === b.y) d += `L${r(b.x)},${r(b.y)}`;
    else {
      const bend = (b.x - a.x) / 2;
      d += `C${r(a.x + bend)},${r(a.y)} ${r(b.x - bend)},${r(b.y)} ${r(b.x)},${r(b.y)}`;
    }
  }
  return d;
}

/** A left-to-right cubic curve per edge, from the source's right middle to the target's left middle, or along its route. */
export function edgesPath(edges: readonly Edgeish[], boxes: ReadonlyMap<string, NodeBox>, routes?: ReadonlyMap<string, readonly Point[]>): string {
  return edgePathTiles(edges, boxes, Infinity, routes).join("");
}

type Edgeish = { id?: string; source: string; target: string };

/*
 * The same curves, one path per square tile of the graph that their sources lie in. The browser skips a path
 * whose bounds are out of view but strokes every curve of one it draws: zoomed in on 10,000 nodes, one path
 * for all edges made each frame of a pan re-stroke all 20,000 curves.
 */
export function edgePathTiles(
  edges: readonly Edgeish[],
  boxes: ReadonlyMap<string, NodeBox>,
  tileSize = 2048,
  /** Per edge id, its route in graph coordinates (absoluteRoute); an edge with one follows it. */
  routes?: ReadonlyMap<string, readonly Point[]>,
): string[] {
  const tiles = new Map<string, string[]>();
  for (const e of edges) {
    const s = boxes.get(e.source);
    const t = boxes.get(e.target);
    if (!s || !t) continue;
    const sx = s.x + s.width;
    const sy = s.y + s.height / 2;
    const tx = t.x;
    const ty = t.y + t.height / 2;
    const bend = Math.max(Math.abs(tx - sx) / 2, 20);
    const key = Number.isFinite(tileSize) ? `${Math.floor(sx / tileSize)},${Math.floor(sy / tileSize)}` : "";
    const route = e.id !== undefined ? routes?.get(e.id) : undefined;
    const curve = route ? routePath(route) : `M${r(sx)},${r(sy)}C${r(sx + bend)},${r(sy)} ${r(tx - bend)},${r(ty)} ${r(tx)},${r(ty)}`;
    const list = tiles.get(key);
    if (list) list.push(curve);
    else tiles.set(key, [curve]);
  }
  return [...tiles.values()].map((parts) => parts.join(""));
}
