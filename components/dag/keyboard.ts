// Arrow-key movement between DAG nodes: right/left follow edges downstream/upstream,
// up/down move to the nearest node above/below in the same column. Pure. The start and end markers (of the
// workflow and of each branch) are no stop: the keys pass through them to the nodes beyond.
import type { WorkflowGraph } from "@/lib/flyte/graph/types";
import type { Layout } from "@/lib/flyte/graph/layout";

function absolute(graph: WorkflowGraph, layout: Layout, id: string): { x: number; y: number } | undefined {
  let x = 0;
  let y = 0;
  for (let cur: string | undefined = id; cur !== undefined; cur = graph.byId.get(cur)?.parentId) {
    const box = layout.boxes[cur];
    if (!box) return undefined;
    x += box.x;
    y += box.y;
  }
  const box = layout.boxes[id];
  return { x: x + box.width / 2, y: y + box.height / 2 };
}

const isMarker = (kind: string) => kind === "start" || kind === "end";

/*
 * The drawn nodes one step downstream (or upstream) of `id`, looking through start and end markers: past a
 * branch's inner end to what follows the branch, past the workflow's end to its failure node.
 */
function linkedNodes(graph: WorkflowGraph, layout: Layout, id: string, forward: boolean): string[] {
  const found = new Set<string>();
  const seen = new Set<string>([id]);
  const step = (from: string): string[] =>
    graph.edges.filter((e) => (forward ? e.source === from : e.target === from)).map((e) => (forward ? e.target : e.source));
  const queue = step(id);
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const node = graph.byId.get(next);
    if (!node || !layout.boxes[next]) continue;
    if (!isMarker(node.kind)) {
      found.add(next);
      continue;
    }
    const beyond = step(next);
    // A group's own markers lead nowhere inside it: go on from the group itself.
    queue.push(...(beyond.length === 0 && node.parentId !== undefined ? step(node.parentId) : beyond));
  }
  return [...found];
}

export function nextNodeInDirection(
  graph: WorkflowGraph,
  layout: Layout,
  currentId: string | undefined,
  key: string,
): string | undefined {
  const laidOut = graph.nodes.filter((n) => layout.boxes[n.id]);
  if (key === "Escape") return undefined;
  if (!currentId || !layout.boxes[currentId]) {
    // Start where reading starts: the leftmost real node (the start and end markers are not selectable things).
    const real = laidOut.filter((n) => !isMarker(n.kind));
    const leftmost = real.reduce<{ id: string; x: number } | undefined>((best, n) => {
      const x = absolute(graph, layout, n.id)!.x;
      return !best || x < best.x ? { id: n.id, x } : best;
    }, undefined);
    return leftmost?.id ?? laidOut[0]?.id;
  }
  const here = absolute(graph, layout, currentId)!;
  if (key === "ArrowRight" || key === "ArrowLeft") {
    const linked = linkedNodes(graph, layout, currentId, key === "ArrowRight");
    if (linked.length === 0) return undefined;
    return linked.sort((a, b) => Math.abs(absolute(graph, layout, a)!.y - here.y) - Math.abs(absolute(graph, layout, b)!.y - here.y))[0];
  }
  const down = key === "ArrowDown";
  let best: { id: string; score: number } | undefined;
  for (const n of laidOut) {
    if (n.id === currentId || isMarker(n.kind)) continue;
    const p = absolute(graph, layout, n.id)!;
    const dy = p.y - here.y;
    if (down ? dy <= 0 : dy >= 0) continue;
    const score = Math.abs(dy) + Math.abs(p.x - here.x) * 3;
    if (!best || score < best.score) best = { id: n.id, score };
  }
  return best?.id;
}
