"use client";

// A large graph zoomed out: edges as one path and nodes as plain rectangles in one SVG, instead of
// thousands of React Flow nodes. The browser lays out, hit-tests and layerizes one element rather than
// 10,000 transformed boxes each frame, so the graph appears sooner and pans smoothly. Each rectangle still
// carries the automation hooks (data-node-id, data-phase) and takes a click; zooming in past
// DETAIL_ZOOM brings back the full nodes.
//
// The rectangles are made and kept up to date with DOM calls, not as one React component each: at 10,000
// nodes, components with their store subscriptions cost more to mount than the drawing itself, and a phase
// change repaints only the rectangles whose overlay entry changed (the overlay keeps unchanged entries).
import { useStoreApi } from "@xyflow/react";
import { useLayoutEffect, useRef, useState, type MouseEvent } from "react";
import { createPortal } from "react-dom";
import type { NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import { PHASE_PATTERN, tonePalette } from "@/components/ui/phase-palette";
import { tonesInOrder, type PhaseTone } from "@/lib/flyte/phases";
import { drawnNode, useDag } from "./dag-context";
import { attachOverviewCanvas, CHECKER, markWidth, PATTERN_MARKS, PATTERN_TILE, type OverviewNode, type View } from "./overview-canvas";

export type { OverviewNode } from "./overview-canvas";


// Colours as the theme's variables (app/dark-palette.css), set as styles: presentation attributes take no var().
export const EDGE_STROKE = { stroke: "var(--color-slate-400)", strokeWidth: 1.25 };
const SELECTED_STROKE = "var(--color-indigo-600)";
const SVG = "http://www.w3.org/2000/svg";

/** Sets what a rectangle shows of its node's execution and selection (README: Automation contract). */
export function paintRect(rect: SVGRectElement, node: OverviewNode, entry: NodeOverlayEntry | undefined, selected: boolean) {
  const { started, phase, tone, hooks } = drawnNode(node.id, node.kind, entry);
  for (const [name, value] of Object.entries(hooks)) rect.setAttribute(name, value);
  rect.setAttribute("aria-label", `${node.name}${node.name !== node.id ? ` (${node.id})` : ""}: ${started ? phase.label : "not started"}`);
  rect.setAttribute("class", started ? tonePalette(tone).text : "text-slate-300");
  // A started node's fill has its phase's pattern too (never colour alone); an open group is an outline only.
  if (!node.group) rect.setAttribute("fill", started ? `url(#${patternId(tone)})` : "currentColor");
  rect.setAttribute("fill-opacity", started ? "0.85" : "1");
  rect.style.stroke = selected ? SELECTED_STROKE : node.group ? "currentColor" : "none";
  rect.setAttribute("stroke-width", selected ? "8" : "2");
  if (node.group && !selected) rect.setAttribute("stroke-dasharray", "8 6");
  else rect.removeAttribute("stroke-dasharray");
}

export interface OverviewDrawing {
  /** The rectangles, to attach to the SVG when zoomed out. */
  root: SVGGElement;
  /** Repaints the nodes whose entry differs (by identity) between the two overlays. */
  update(prev: ReadonlyMap<string, NodeOverlayEntry>, next: ReadonlyMap<string, NodeOverlayEntry>): void;
  /** Repaints the nodes whose selection changed. */
  select(prev: ReadonlyMap<string, true>, next: ReadonlyMap<string, true>): void;
}

export function drawOverview(
  doc: Document,
  nodes: readonly OverviewNode[],
  overlay: ReadonlyMap<string, NodeOverlayEntry>,
  selection: ReadonlyMap<string, true>,
): OverviewDrawing {
  const root = doc.createElementNS(SVG, "g");
  const rects = new Map<string, { rect: SVGRectElement; node: OverviewNode }>();
  for (const node of nodes) {
    const rect = doc.createElementNS(SVG, "rect");
    const { x, y, width, height } = node.box;
    rect.setAttribute("x", String(x));
    rect.setAttribute("y", String(y));
    rect.setAttribute("width", String(width));
    rect.setAttribute("height", String(height));
    rect.setAttribute("rx", String(node.kind === "start" || node.kind === "end" ? height / 2 : 4));
    if (node.group) rect.setAttribute("fill", "none");
    paintRect(rect, node, overlay.get(node.id), selection.has(node.id));
    rects.set(node.id, { rect, node });
    root.appendChild(rect);
  }
  let current = { overlay, selection };
  const repaint = (id: string) => {
    const drawn = rects.get(id);
    if (drawn) paintRect(drawn.rect, drawn.node, current.overlay.get(id), current.selection.has(id));
  };
  return {
    root,
    update(prev, next) {
      current = { ...current, overlay: next };
      for (const [id, entry] of next) if (prev.get(id) !== entry) repaint(id);
      for (const id of prev.keys()) if (!next.has(id)) repaint(id);
    },
    select(prev, next) {
      current = { ...current, selection: next };
      for (const id of new Set([...prev.keys(), ...next.keys()])) repaint(id);
    },
  };
}

const patternId = (tone: PhaseTone) => `dag-phase-pattern-${tone}`;

/**
 * One SVG pattern per tone: its colour (a `text-phase-*` class, so it follows the theme) and its marks.
 * The ids are the same in every graph on a page, and so is what they draw.
 */
function PhasePatterns() {
  return (
    <defs>
      {tonesInOrder.map((tone) => {
        const pattern = PHASE_PATTERN[tone];
        const marks = PATTERN_MARKS[pattern];
        return (
          <pattern key={tone} id={patternId(tone)} patternUnits="userSpaceOnUse" width={PATTERN_TILE} height={PATTERN_TILE} className={tonePalette(tone).text}>
            <rect width={PATTERN_TILE} height={PATTERN_TILE} fill="currentColor" />
            {pattern === "checker" ? <path d={CHECKER} style={{ fill: "var(--phase-pattern-ink)" }} /> : null}
            {marks ? (
              <path
                d={marks}
                fill="none"
                strokeLinecap="round"
                style={{ stroke: "var(--phase-pattern-ink)", strokeWidth: markWidth(pattern) }}
              />
            ) : null}
          </pattern>
        );
      })}
    </defs>
  );
}

/** Tells the SVG's rectangles not to paint (app/globals.css): the canvas draws them. */
const CANVAS_DRAWS = "dag-overview-canvas";

interface Hover {
  label: string;
  x: number;
  y: number;
}

/** Edges always (as a few paths, see edgePathTiles); the nodes' rectangles while `showNodes` (zoomed out). */
export function OverviewLayer({ edgePaths, nodes, showNodes = true }: { edgePaths: readonly string[]; nodes?: readonly OverviewNode[]; showNodes?: boolean }) {
  const { select, overlay, selection } = useDag();
  const svg = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<Hover | undefined>(undefined);
  const drawing = useRef<OverviewDrawing | undefined>(undefined);
  const shown = showNodes && !!nodes;
  const attached = useRef(shown);
  const canvas = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();

  // Zoomed out, the canvas draws the nodes and edges; the rectangles only carry hooks and take clicks. Without a 2D
  // context (jsdom) the rectangles stay painted.
  useLayoutEffect(() => {
    const el = canvas.current;
    const svgEl = svg.current;
    if (!nodes || !shown || !el || !svgEl) return;
    const view = (): View => {
      const { transform, width, height } = flow.getState();
      return { x: transform[0], y: transform[1], zoom: transform[2], width, height };
    };
    const detach = attachOverviewCanvas(el, { nodes, edgePaths, overlay, selection, view, onView: (listener) => flow.subscribe(listener) });
    if (!detach) return;
    svgEl.classList.add(CANVAS_DRAWS);
    return () => {
      detach();
      svgEl.classList.remove(CANVAS_DRAWS);
    };
  }, [nodes, edgePaths, shown, overlay, selection, flow]);

  // Drawn once per set of nodes (a layout), then kept current from the stores.
  useLayoutEffect(() => {
    if (!nodes) return;
    const d = drawOverview(document, nodes, overlay.all(), selection.all());
    drawing.current = d;
    if (attached.current) svg.current?.appendChild(d.root);
    const stopOverlay = overlay.subscribeAll((prev, next) => d.update(prev, next));
    const stopSelection = selection.subscribeAll((prev, next) => d.select(prev, next));
    return () => {
      stopOverlay();
      stopSelection();
      d.root.remove();
      drawing.current = undefined;
    };
  }, [nodes, overlay, selection]);

  // Zoomed in, the full nodes are the graph's nodes: the rectangles leave the DOM (and their hooks with them).
  useLayoutEffect(() => {
    attached.current = shown;
    const root = drawing.current?.root;
    if (shown && root) svg.current?.appendChild(root);
    else root?.remove();
  }, [shown]);

  const nodeAt = (event: MouseEvent<SVGSVGElement>) => (event.target as Element).closest("[data-graph-id]");
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const id = nodeAt(event)?.getAttribute("data-graph-id");
    if (id) select(id);
  };
  // The rectangles are too small for text: the one under the pointer says its name and phase.
  const onMouseMove = (event: MouseEvent<SVGSVGElement>) => {
    const label = event.buttons === 0 ? nodeAt(event)?.getAttribute("aria-label") : undefined;
    setHover((h) => (label ? (h?.label === label && h.x === event.clientX && h.y === event.clientY ? h : { label, x: event.clientX, y: event.clientY }) : undefined));
  };
  return (
    // Below the full nodes and above open groups' backgrounds (both drawn later with their own z-index).
    <>
      <svg
        ref={svg}
        className="dag-overview absolute top-0 left-0 overflow-visible"
        style={{ zIndex: -1 }}
        width={1}
        height={1}
        onClick={onClick}
        onMouseMove={shown ? onMouseMove : undefined}
        onMouseLeave={() => setHover(undefined)}
        data-testid="dag-overview"
      >
        <PhasePatterns />
        {edgePaths.map((d, i) => (
          <path key={i} d={d} fill="none" style={EDGE_STROKE} pointerEvents="none" />
        ))}
        {hover && shown
          ? createPortal(
              <div
                role="tooltip"
                data-testid="dag-overview-tooltip"
                className="pointer-events-none fixed z-50 rounded bg-slate-900 px-2 py-1 text-xs text-white shadow"
                style={{ left: hover.x + 12, top: hover.y + 12 }}
              >
                {hover.label}
              </div>,
              document.body,
            )
          : null}
      </svg>
      {/*
       * After the SVG, so above its unpainted rectangles: the canvas is a compositor layer of its own, and the
       * rectangles' hit-test data painted after (above) it made the browser place them anew against that layer on
       * every frame of a pan (Layerize, ~2 s over a 2 s pan at 10,000 nodes); below it they stay in the page's layer.
       */}
      <canvas ref={canvas} aria-hidden className="pointer-events-none absolute" style={{ zIndex: -1, display: "none" }} data-testid="dag-overview-canvas" />
    </>
  );
}
