// What a layout engine (dagre, elkjs) needs: visible nodes with fixed sizes, open groups, visible edges.
// Plain data, so it can be posted to a web worker as is.
import { KIND_LABEL, nodeSubtitle, textWidth } from "./labels";
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

/** Sizes in px of the nodes components/dag/dag-node.tsx draws (12px names, 10px subtitles). */
export const NODE_SIZES = {
  /** Left and right padding (10px each) plus the phase icon and its gap (14 + 6). */
  nameInset: 40,
  /** The subtitle lines up under the name. */
  subtitleInset: 40,
  nameFont: 12,
  subtitleFont: 10,
  lineHeight: 16,
  minWidth: 96,
  /** Wider names wrap onto more lines rather than being cut short. */
  maxWidth: 320,
  height: 44,
  /** Id, task type or gate shown under the name. */
  heightWithSubtitle: 56,
  terminalWidth: 64,
  terminalHeight: 28,
  groupPadding: { top: 40, right: 16, bottom: 16, left: 16 },
  /** An open group's title row: padding, icon and gaps, the kind after the name, the collapse button. */
  groupTitleInset: 16 + 20 + 6 + 6 + 24,
} as const;

/* Room for fonts a little wider than the measured one, and for the weight the name is drawn in. */
const slack = (w: number) => Math.ceil(w * 1.06) + 4;

/** How many lines a node's name takes in a node `width` wide. */
export function nameLines(name: string, width: number): number {
  const room = width - NODE_SIZES.nameInset;
  return Math.max(1, Math.ceil(slack(textWidth(name, NODE_SIZES.nameFont)) / room));
}

/**
 * Width and height of a node drawn closed, from its kind and the width of its labels: wide enough for the name
 * and the subtitle (whichever of a gate's two subtitles is longer), up to maxWidth, past which the name wraps.
 */
export function nodeSize(node: GraphNode): { width: number; height: number } {
  const s = NODE_SIZES;
  if (node.kind === "start" || node.kind === "end") return { width: s.terminalWidth, height: s.terminalHeight };
  const subtitles = [nodeSubtitle(node, false), nodeSubtitle(node, true)].filter((t): t is string => !!t);
  const name = s.nameInset + slack(textWidth(node.name, s.nameFont));
  const sub = Math.max(0, ...subtitles.map((t) => s.subtitleInset + slack(textWidth(t, s.subtitleFont))));
  const width = Math.min(s.maxWidth, Math.max(s.minWidth, name, sub));
  const extraLines = nameLines(node.name, width) - 1;
  return { width, height: (subtitles.length ? s.heightWithSubtitle : s.height) + extraLines * s.lineHeight };
}

/** The narrowest an open group can be: its title row (name in semibold, then its kind) in one line. */
export function groupMinWidth(node: GraphNode): number {
  const title = slack(textWidth(node.name, NODE_SIZES.nameFont, "bold")) + slack(textWidth(KIND_LABEL[node.kind] ?? node.kind, NODE_SIZES.subtitleFont));
  return NODE_SIZES.groupTitleInset + title;
}

export function layoutInput(graph: WorkflowGraph): LayoutInput {
  const nodes: LayoutNodeInput[] = [];
  for (const n of graph.nodes) {
    if (!n.visible) continue;
    const open = n.expanded && n.childIds.length > 0;
    const size = open ? { width: groupMinWidth(n), height: NODE_SIZES.groupPadding.top } : nodeSize(n);
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
