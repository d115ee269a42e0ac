// All edges of a large graph as one SVG path. React Flow draws each edge as its own <svg> with two
// paths and three store subscriptions: at 10,000 edges that is 30,000 elements to lay out and 30,000
// selectors to run on every frame of a pan. Edges here are not interactive, so one path serves.
import type { NodeBox } from "./layout";

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
  const parts: string[] = [];
  for (const e of edges) {
    const s = boxes.get(e.source);
    const t = boxes.get(e.target);
    if (!s || !t) continue;
    const sx = s.x + s.width;
    const sy = s.y + s.height / 2;
    const tx = t.x;
    const ty = t.y + t.height / 2;
    const bend = Math.max(Math.abs(tx - sx) / 2, 20);
    parts.push(`M${r(sx)},${r(sy)}C${r(sx + bend)},${r(sy)} ${r(tx - bend)},${r(ty)} ${r(tx)},${r(ty)}`);
  }
  return parts.join("");
}
