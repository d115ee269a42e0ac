// What a layout engine (dagre, elkjs) needs: visible nodes with fixed sizes, open groups, visible edges.
// Plain data, so it can be posted to a web worker as is.
import type { GraphNode, GraphNodeKind, WorkflowGraph } from "./types";

export interface LayoutNodeInput {
  id: string;
  /** The open group this node is drawn inside. */
  parentId?: string;
  kind: GraphNodeKind;
  /**
   * An open group: the layout sizes it around its children, keeping `padding` inside (top leaves room for the
   * group's title). width/height are then its minimum size.
   */
  group: boolean;
  width: number;
  height: number;
  padding?: { top: number; right: number; bottom: number; left: number };
}

export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
  parentId?: string;
}

export interface LayoutInput {
  /** Cache key of the resulting layout (WorkflowGraph.layoutKey). */
  key: string;
  /** Parents before children. */
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
}

/* Sizes in px for the console's node font (12px system-ui: ~7px per character on average). */
export const NODE_SIZES = {
  charWidth: 7,
  horizontalPadding: 32,
  minWidth: 96,
  maxWidth: 280,
  height: 44,
  /** Task type or case condition shown under the name. */
  heightWithSubtitle: 56,
  terminalWidth: 64,
  terminalHeight: 28,
  groupPadding: { top: 40, right: 16, bottom: 16, left: 16 },
} as const;

function subtitleOf(node: GraphNode): string | undefined {
  return node.taskType ?? (node.kind === "task" || node.kind === "start" || node.kind === "end" ? undefined : node.kind);
}

/** Width and height of a node drawn closed, from its kind and the length of its labels (names cut at maxWidth). */
export function nodeSize(node: GraphNode): { width: number; height: number } {
  const s = NODE_SIZES;
  if (node.kind === "start" || node.kind === "end") return { width: s.terminalWidth, height: s.terminalHeight };
  const subtitle = subtitleOf(node);
  const chars = Math.max(node.name.length, Math.ceil((subtitle?.length ?? 0) * 0.85));
  const width = Math.min(s.maxWidth, Math.max(s.minWidth, s.horizontalPadding + chars * s.charWidth));
  return { width, height: subtitle ? s.heightWithSubtitle : s.height };
}

export function layoutInput(graph: WorkflowGraph): LayoutInput {
  const nodes: LayoutNodeInput[] = [];
  for (const n of graph.nodes) {
    if (!n.visible) continue;
    const size = nodeSize(n);
    const open = n.expanded && n.childIds.length > 0;
    nodes.push({
      id: n.id,
      ...(n.parentId !== undefined ? { parentId: n.parentId } : {}),
      kind: n.kind,
      group: open,
      width: size.width,
      height: size.height,
      ...(open ? { padding: { ...NODE_SIZES.groupPadding } } : {}),
    });
  }
  const edges: LayoutEdgeInput[] = [];
  for (const e of graph.edges) {
    if (!graph.byId.get(e.source)?.visible || !graph.byId.get(e.target)?.visible) continue;
    edges.push({ id: e.id, source: e.source, target: e.target, ...(e.parentId !== undefined ? { parentId: e.parentId } : {}) });
  }
  return { key: graph.layoutKey, nodes, edges };
}
