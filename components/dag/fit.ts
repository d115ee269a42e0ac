// Where a graph opens: fitted inside the pane, clear of the controls (bottom left) and of the minimap (bottom
// right). Pure, so the choice is tested without a browser.
import type { FitViewOptions } from "@xyflow/react";

type Padding = NonNullable<FitViewOptions["padding"]>;

/** The minimap's size in px, as drawn (React Flow's default is 200 × 150). */
export const MINIMAP = { width: 160, height: 110 };
/** React Flow's margin around its panels, plus a little air. */
const PANEL_ROOM = 15 + 16;
const EDGE = 24;
/** The zoom and fit buttons' column. */
const CONTROLS = 56;

interface Size {
  width: number;
  height: number;
}
type Sides = { top: number; right: number; bottom: number; left: number };

/** A minimap takes a corner of the pane: in a small pane (a short window, a long error above) it would hide half of it. */
export function minimapFits(pane: Size): boolean {
  return pane.width >= 4 * MINIMAP.width && pane.height >= 3 * MINIMAP.height;
}

const zoomWithin = (graph: Size, pane: Size, p: Sides) =>
  Math.min((pane.width - p.left - p.right) / graph.width, (pane.height - p.top - p.bottom) / graph.height);

/**
 * The padding to fit `graph` into `pane` with: with the minimap, the room it takes is kept free either below the
 * graph or beside it, whichever leaves the graph larger (below, for the usual wide and low left-to-right graph).
 */
export function fitPadding(graph: Size, pane: Size, minimap: boolean): Padding {
  const base: Sides = { top: EDGE, right: EDGE, bottom: EDGE, left: CONTROLS };
  let sides = base;
  if (minimap) {
    const below = { ...base, bottom: MINIMAP.height + PANEL_ROOM };
    const beside = { ...base, right: MINIMAP.width + PANEL_ROOM };
    sides = zoomWithin(graph, pane, below) >= zoomWithin(graph, pane, beside) ? below : beside;
  }
  return { top: `${sides.top}px`, right: `${sides.right}px`, bottom: `${sides.bottom}px`, left: `${sides.left}px` };
}
