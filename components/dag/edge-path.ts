// All edges of a large graph as one SVG path. React Flow draws each edge as its own <svg> with two
// paths and three store subscriptions: at 10,000 edges that is 30,000 elements to lay out and 30,000
// selectors to run on every frame of a pan. Edges here are not interactive, so one path serves.
import type { NodeBox } from "@/lib/flyte/graph/layout";

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

/** A left-to-right cubic curve per edge, from the source's right middle to the target's left middle. */
export function edgesPath(edges: readonly { source: string; target: string }[], boxes: ReadonlyMap<string, NodeBox>): string {
  return edgePathTiles(edges, boxes, Infinity).join("");
}

/*
 * The same curves, one path per square tile of the graph that their sources lie in. The browser skips a path
 * whose bounds are out of view but strokes every curve of one it draws: zoomed in on 10,000 nodes, one path
 * for all edges made each frame of a pan re-stroke all 20,000 curves.
 */
export function edgePathTiles(edges: readonly { source: string; target: string }[], boxes: ReadonlyMap<string, NodeBox>, tileSize = 2048): string[] {
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
    const curve = `M${r(sx)},${r(sy)}C${r(sx + bend)},${r(sy)} ${r(tx - bend)},${r(ty)} ${r(tx)},${r(ty)}`;
    const list = tiles.get(key);
    if (list) list.push(curve);
    else tiles.set(key, [curve]);
  }
  return [...tiles.values()].map((parts) => parts.join(""));
}
