// The picture of a large graph zoomed out, on one <canvas>: a bitmap of the part of the graph around the view,
// drawn when the phases, the selection, the theme or the view's coverage change, and moved with the viewport's
// transform in between. A pan then redraws one image instead of repainting 10,000 patterned SVG rectangles
// on every frame. The rectangles stay in the DOM, unpainted, for the automation hooks and the clicks.
import type { NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import type { NodeBox } from "@/lib/flyte/graph/layout";
import { PHASE_PATTERN, type PhasePattern } from "@/components/ui/phase-palette";
import { tonesInOrder, type PhaseTone } from "@/lib/flyte/phases";
import { drawnNode } from "./dag-context";
import type { KeyedStore } from "./keyed-store";
import type { GraphNodeKind } from "@/lib/flyte/graph/types";

export interface OverviewNode {
  id: string;
  name: string;
  kind: GraphNodeKind;
  /** An open group: drawn as an outline around its children. */
  group: boolean;
  /** In graph coordinates. */
  box: NodeBox;
}

/** React Flow's transform ([x, y, zoom]) and the pane's size in CSS pixels. */
export interface View {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

/** What a bitmap shows: a box in graph coordinates, at `scale` bitmap pixels per graph unit. */
export interface Area extends NodeBox {
  scale: number;
}

/** A bitmap larger than this many pixels is drawn coarser (and shown scaled up). */
const MAX_PIXELS = 8_000_000;
/** Redrawn when the view's zoom and the bitmap's differ by more than this factor. */
const ZOOM_SLACK = 1.25;

function viewBox(view: View): NodeBox {
  return { x: -view.x / view.zoom, y: -view.y / view.zoom, width: view.width / view.zoom, height: view.height / view.zoom };
}

function intersect(a: NodeBox, b: NodeBox): NodeBox | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

/** The graph in view and half a view around it, at the view's zoom in device pixels (coarser past MAX_PIXELS). */
export function areaFor(view: View, bounds: NodeBox, dpr: number): Area | undefined {
  const v = viewBox(view);
  const box = intersect({ x: v.x - v.width / 2, y: v.y - v.height / 2, width: v.width * 2, height: v.height * 2 }, bounds);
  if (!box) return undefined;
  const scale = view.zoom * dpr;
  const pixels = box.width * box.height * scale * scale;
  return { ...box, scale: pixels > MAX_PIXELS ? scale * Math.sqrt(MAX_PIXELS / pixels) : scale };
}

/** Whether a bitmap of `drawn` still shows all of the graph in view, at about the view's zoom. */
export function covers(drawn: Area | undefined, view: View, bounds: NodeBox, dpr: number): boolean {
  const wanted = areaFor(view, bounds, dpr);
  if (!wanted || !drawn) return !wanted;
  const ratio = wanted.scale / drawn.scale;
  if (ratio > ZOOM_SLACK || ratio < 1 / ZOOM_SLACK) return false;
  const seen = intersect(viewBox(view), bounds);
  return !seen || (seen.x >= drawn.x && seen.y >= drawn.y && seen.x + seen.width <= drawn.x + drawn.width && seen.y + seen.height <= drawn.y + drawn.height);
}

/** The nodes' boxes together. */
export function boundsOf(nodes: readonly OverviewNode[]): NodeBox {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const { box } of nodes) {
    x0 = Math.min(x0, box.x);
    y0 = Math.min(y0, box.y);
    x1 = Math.max(x1, box.x + box.width);
    y1 = Math.max(y1, box.y + box.height);
  }
  // Room for the selected node's outline, drawn around its box.
  return x0 <= x1 ? { x: x0 - 8, y: y0 - 8, width: x1 - x0 + 16, height: y1 - y0 + 16 } : { x: 0, y: 0, width: 0, height: 0 };
}

/** The theme's colours, as the CSS variables the SVG drawing uses (app/globals.css, app/dark-palette.css). */
export interface Palette {
  tones: Record<PhaseTone, string>;
  /** The patterns' marks over a tone. */
  ink: string;
  notStarted: string;
  selected: string;
  edge: string;
}

export const toneVariable = (tone: PhaseTone) => `--color-phase-${tone.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Reads the palette where the drawing is (custom properties inherit): both themes, and a theme switched live. */
export function readPalette(el: Element): Palette {
  const style = getComputedStyle(el);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    tones: Object.fromEntries(tonesInOrder.map((tone) => [tone, read(toneVariable(tone))])) as Record<PhaseTone, string>,
    ink: read("--phase-pattern-ink"),
    notStarted: read("--color-slate-300"),
    selected: read("--color-indigo-600"),
    edge: read("--color-slate-400"),
  };
}

/** The marks of each pattern (components/ui/phase-palette.ts) in one 12×12 tile of graph coordinates. */
export const PATTERN_TILE = 12;
export const PATTERN_MARKS: Record<PhasePattern, string | undefined> = {
  solid: undefined,
  dots: "M3 3h.01M9 3h.01M3 9h.01M9 9h.01",
  "sparse-dots": "M6 6h.01",
  vertical: "M3 0v12M9 0v12",
  horizontal: "M0 3h12M0 9h12",
  grid: "M0 3h12M3 0v12M0 9h12M9 0v12",
  diagonal: "M-3 3l6-6M0 12 12 0M9 15l6-6",
  antidiagonal: "M-3 9l6 6M0 0l12 12M9-3l6 6",
  crosshatch: "M0 12 12 0M0 0l12 12",
  checker: undefined,
  "wide-diagonal": "M0 12 12 0",
};
export const CHECKER = "M0 0h6v6H0zM6 6h6v6H6z";
export const markWidth = (pattern: PhasePattern) => (pattern.includes("dots") ? 3 : pattern === "wide-diagonal" ? 4 : 1.5);

/** One tile of a tone's pattern, in graph units (the context's transform scales it with the nodes). */
export function drawPatternTile(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, tone: PhaseTone, palette: Palette) {
  const pattern = PHASE_PATTERN[tone];
  ctx.fillStyle = palette.tones[tone];
  ctx.fillRect(0, 0, PATTERN_TILE, PATTERN_TILE);
  if (pattern === "checker") {
    ctx.fillStyle = palette.ink;
    ctx.fill(new Path2D(CHECKER));
  }
  const marks = PATTERN_MARKS[pattern];
  if (marks) {
    ctx.strokeStyle = palette.ink;
    ctx.lineWidth = markWidth(pattern);
    ctx.lineCap = "round";
    ctx.stroke(new Path2D(marks));
  }
}

/** A fill or stroke style: a colour or a tone's pattern. */
export type Ink = string | CanvasPattern;

export interface Inks {
  /** A started node's fill. */
  fill(tone: PhaseTone): Ink;
  palette: Palette;
}

function clear(ctx: CanvasRenderingContext2D, area: Area) {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(area.scale, 0, 0, area.scale, -area.x * area.scale, -area.y * area.scale);
}

/** Draws the edges (EDGE_STROKE's width, in graph units) on a context whose bitmap is `area` at its scale. */
export function paintEdges(ctx: CanvasRenderingContext2D, area: Area, edges: readonly Path2D[], palette: Palette) {
  clear(ctx, area);
  ctx.strokeStyle = palette.edge;
  ctx.lineWidth = 1.25;
  for (const path of edges) ctx.stroke(path);
}

/** Draws the nodes of `area` over the edges' bitmap (if any) on a context whose bitmap is `area` at its scale. */
export function paintOverviewCanvas(
  ctx: CanvasRenderingContext2D,
  area: Area,
  nodes: readonly OverviewNode[],
  overlay: ReadonlyMap<string, NodeOverlayEntry>,
  selection: ReadonlyMap<string, true>,
  inks: Inks,
  edges?: CanvasImageSource,
) {
  clear(ctx, area);
  if (edges) ctx.drawImage(edges, area.x, area.y, area.width, area.height);
  // One path per fill: a few fills for thousands of rectangles.
  const fills = new Map<Ink, Path2D>();
  const outlines = new Map<Ink, Path2D>();
  const selected: OverviewNode[] = [];
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  for (const node of nodes) {
    const { x, y, width, height } = node.box;
    if (x >= right || y >= bottom || x + width <= area.x || y + height <= area.y) continue;
    const { started, tone } = drawnNode(node.id, node.kind, overlay.get(node.id));
    if (selection.has(node.id)) selected.push(node);
    const colour = started ? inks.palette.tones[tone] : inks.palette.notStarted;
    const ink = node.group ? colour : started ? inks.fill(tone) : colour;
    const paths = node.group ? outlines : fills;
    let path = paths.get(ink);
    if (!path) paths.set(ink, (path = new Path2D()));
    path.roundRect(x, y, width, height, node.kind === "start" || node.kind === "end" ? height / 2 : 4);
  }
  for (const [ink, path] of fills) {
    // Started nodes at 0.85, as the SVG drawing's fill-opacity.
    ctx.globalAlpha = typeof ink === "string" ? 1 : 0.85;
    ctx.fillStyle = ink;
    ctx.fill(path);
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 2;
  ctx.setLineDash([8, 6]);
  for (const [ink, path] of outlines) {
    ctx.strokeStyle = ink;
    ctx.stroke(path);
  }
  ctx.setLineDash([]);
  ctx.lineWidth = 8;
  ctx.strokeStyle = inks.palette.selected;
  for (const node of selected) {
    const { x, y, width, height } = node.box;
    ctx.beginPath();
    ctx.roundRect(x, y, width, height, node.kind === "start" || node.kind === "end" ? height / 2 : 4);
    ctx.stroke();
  }
}

/** The inks of a palette: a CanvasPattern per tone, made once per palette. */
export function makeInks(doc: Document, palette: Palette): Inks {
  const patterns = new Map<PhaseTone, Ink>();
  return {
    palette,
    fill(tone) {
      let ink = patterns.get(tone);
      if (!ink) {
        const tile = doc.createElement("canvas");
        tile.width = PATTERN_TILE;
        tile.height = PATTERN_TILE;
        const ctx = tile.getContext("2d");
        if (ctx) drawPatternTile(ctx, tone, palette);
        ink = (ctx && ctx.createPattern(tile, "repeat")) ?? palette.tones[tone];
        patterns.set(tone, ink);
      }
      return ink;
    },
  };
}

export interface CanvasSource {
  nodes: readonly OverviewNode[];
  /** SVG path data of the edges, in graph coordinates. */
  edgePaths: readonly string[];
  overlay: KeyedStore<NodeOverlayEntry>;
  selection: KeyedStore<true>;
  /** The view now, and a way to hear of its changes (React Flow's store). */
  view(): View;
  onView(listener: () => void): () => void;
}

/**
 * Draws the nodes on `el` (positioned in graph coordinates inside the viewport) and keeps the drawing current:
 * phases and selection from the stores, the theme from <html>, and a new bitmap when the view leaves the one
 * drawn or zooms well past it. Returns the detach, or undefined without a 2D context.
 */
export function attachOverviewCanvas(el: HTMLCanvasElement, { nodes, edgePaths, overlay, selection, view, onView }: CanvasSource): (() => void) | undefined {
  const ctx = el.getContext("2d");
  if (!ctx) return undefined;
  // The edges change only with the bitmap's area and the theme: drawn apart, and copied under each drawing of the nodes.
  const edgeCanvas = el.ownerDocument.createElement("canvas");
  const edgeCtx = edgeCanvas.getContext("2d");
  const edges = edgeCtx ? edgePaths.map((d) => new Path2D(d)) : [];
  let edgesDrawn: Area | undefined;
  const doc = el.ownerDocument;
  const win = doc.defaultView ?? window;
  const dpr = () => win.devicePixelRatio || 1;
  const bounds = boundsOf(nodes);
  let inks = makeInks(doc, readPalette(el));
  let drawn: Area | undefined;
  let frame = 0;
  const draw = () => {
    frame = 0;
    // A phase or the selection changed: the same area; else the view's.
    if (!covers(drawn, view(), bounds, dpr())) drawn = areaFor(view(), bounds, dpr());
    if (!drawn) {
      el.style.display = "none";
      return;
    }
    const width = Math.max(1, Math.round(drawn.width * drawn.scale));
    const height = Math.max(1, Math.round(drawn.height * drawn.scale));
    if (el.width !== width) el.width = width;
    if (el.height !== height) el.height = height;
    Object.assign(el.style, { display: "block", left: `${drawn.x}px`, top: `${drawn.y}px`, width: `${drawn.width}px`, height: `${drawn.height}px` });
    if (edgeCtx && edgesDrawn !== drawn) {
      edgeCanvas.width = width;
      edgeCanvas.height = height;
      paintEdges(edgeCtx, drawn, edges, inks.palette);
      edgesDrawn = drawn;
    }
    paintOverviewCanvas(ctx, drawn, nodes, overlay.all(), selection.all(), inks, edgeCtx ? edgeCanvas : undefined);
  };
  const schedule = () => {
    if (!frame) frame = win.requestAnimationFrame(draw);
  };
  draw();
  const stopOverlay = overlay.subscribeAll(schedule);
  const stopSelection = selection.subscribeAll(schedule);
  const stopView = onView(() => {
    if (!frame && !covers(drawn, view(), bounds, dpr())) schedule();
  });
  // The theme is <html data-theme>, switched live (components/theme).
  const theme = new win.MutationObserver(() => {
    inks = makeInks(doc, readPalette(el));
    edgesDrawn = undefined;
    schedule();
  });
  theme.observe(doc.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"] });
  return () => {
    win.cancelAnimationFrame(frame);
    stopOverlay();
    stopSelection();
    stopView();
    theme.disconnect();
    el.style.display = "none";
  };
}
