// Positions for the DAG: dagre, left to right, one level at a time from the innermost open
// group outwards, so an open group is sized around its own laid-out children. Pure; runs in a
// web worker (layout.worker.ts) and in tests.
import dagre from "@dagrejs/dagre";
import type { LayoutInput, LayoutNodeInput } from "@/lib/flyte/graph/layout-input";

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
    const g = new dagre.graphlib.Graph({ multigraph: false });
    g.setGraph({ rankdir: "LR", nodesep: 20, ranksep: 56, marginx: 0, marginy: 0 });
    g.setDefaultEdgeLabel(() => ({}));
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
      g.setNode(n.id, { width, height });
    }
    for (const e of edgesByParent.get(parent) ?? []) {
      if (g.hasNode(e.source) && g.hasNode(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
    }
    dagre.layout(g);
    let maxX = 0;
    let maxY = 0;
    for (const n of members) {
      const laid = g.node(n.id);
      const box = { x: laid.x - laid.width / 2, y: laid.y - laid.height / 2, width: laid.width, height: laid.height };
      boxes[n.id] = box;
      maxX = Math.max(maxX, box.x + box.width);
      maxY = Math.max(maxY, box.y + box.height);
    }
    return { width: maxX, height: maxY };
  };

  const size = layoutLevel(ROOT);
  return { key: input.key, boxes, width: size.width, height: size.height };
}
