// Which boxes of a large graph lie in a rectangle, in time proportional to the answer, not to the graph:
// boxes are bucketed in a grid of square cells, and a query visits only the cells it overlaps.
import type { NodeBox } from "@/lib/flyte/graph/layout";

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The cells a rectangle overlaps, inclusive: what a viewport's drawn set depends on. */
export interface CellRange {
  cx0: number;
  cy0: number;
  cx1: number;
  cy1: number;
}

export class SpatialIndex {
  private readonly cells = new Map<string, number[]>();
  /** Per box, the last query that returned it: dedupes boxes spanning several cells without a Set. */
  private readonly seen: Uint32Array;
  private query = 0;

  constructor(
    private readonly boxes: readonly NodeBox[],
    readonly cellSize = 256,
  ) {
    this.seen = new Uint32Array(boxes.length);
    boxes.forEach((b, i) => {
      const r = this.rangeOf({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
      for (let cx = r.cx0; cx <= r.cx1; cx++) {
        for (let cy = r.cy0; cy <= r.cy1; cy++) {
          const key = `${cx},${cy}`;
          const list = this.cells.get(key);
          if (list) list.push(i);
          else this.cells.set(key, [i]);
        }
      }
    });
  }

  rangeOf(rect: Rect): CellRange {
    const s = this.cellSize;
    return { cx0: Math.floor(rect.x0 / s), cy0: Math.floor(rect.y0 / s), cx1: Math.floor(rect.x1 / s), cy1: Math.floor(rect.y1 / s) };
  }

  /** Indices of the boxes in the cells of `range`, ascending (the order they were given in). */
  inRange(range: CellRange): number[] {
    const stamp = ++this.query;
    const out: number[] = [];
    for (let cx = range.cx0; cx <= range.cx1; cx++) {
      for (let cy = range.cy0; cy <= range.cy1; cy++) {
        for (const i of this.cells.get(`${cx},${cy}`) ?? []) {
          if (this.seen[i] === stamp) continue;
          this.seen[i] = stamp;
          out.push(i);
        }
      }
    }
    return out.sort((a, b) => a - b);
  }

  /** Indices of the boxes that intersect `rect`, ascending. */
  intersecting(rect: Rect): number[] {
    return this.inRange(this.rangeOf(rect)).filter((i) => {
      const b = this.boxes[i];
      return b.x < rect.x1 && rect.x0 < b.x + b.width && b.y < rect.y1 && rect.y0 < b.y + b.height;
    });
  }
}

/** The graph-coordinate rectangle a viewport shows: transform [x, y, zoom] as React Flow keeps it. */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [x, y, zoom] = transform;
  return { x0: -x / zoom, y0: -y / zoom, x1: (width - x) / zoom, y1: (height - y) / zoom };
}
