// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import type { NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import { KeyedStore } from "./keyed-store";
import { areaFor, attachOverviewCanvas, covers, toneVariable, type View } from "./overview-canvas";
import { overlayEntry as entry, overviewNode as node } from "./overview.testutil";

describe("the bitmap's area", () => {
  const bounds = { x: 0, y: 0, width: 10_000, height: 1000 };
  it("covers the graph in view and half a view around it, at the view's zoom in device pixels", () => {
    // A 1000×500 view at zoom 0.1 showing graph x 2000…12000.
    const view: View = { x: -200, y: 0, zoom: 0.1, width: 1000, height: 500 };
    expect(areaFor(view, bounds, 2)).toEqual({ x: 0, y: 0, width: 10_000, height: 1000, scale: 0.2 });
    expect(covers(areaFor(view, bounds, 2), view, bounds, 2)).toBe(true);
  });

  it("is drawn anew when the view leaves it or zooms well past it, not for a small pan", () => {
    const view: View = { x: -2000, y: 0, zoom: 0.4, width: 1000, height: 500 };
    const drawn = areaFor(view, bounds, 1)!;
    expect(drawn.x).toBe(5000 - 1250);
    expect(covers(drawn, { ...view, x: view.x - 200 }, bounds, 1)).toBe(true);
    expect(covers(drawn, { ...view, x: view.x - 1200 }, bounds, 1)).toBe(false);
    expect(covers(drawn, { ...view, zoom: 0.2 }, bounds, 1)).toBe(false);
  });

  it("is coarser than the view past a few million pixels", () => {
    const big = { x: 0, y: 0, width: 100_000, height: 100_000 };
    const area = areaFor({ x: 0, y: 0, zoom: 0.4, width: 2000, height: 2000 }, big, 2)!;
    expect(area.width * area.height * area.scale ** 2).toBeLessThanOrEqual(8_000_001);
  });
});

/** A 2D context that records what each fill and stroke covers (node ids by their boxes' x / 100) and with what. */
class FakePath {
  boxes: number[] = [];
  roundRect(x: number) {
    this.boxes.push(x / 100);
  }
}

function fakeCanvas() {
  const painted: { op: "fill" | "stroke"; style: unknown; nodes: number[] }[] = [];
  const ctx = {
    canvas: { width: 0, height: 0 },
    fillStyle: "" as unknown,
    strokeStyle: "" as unknown,
    globalAlpha: 1,
    lineWidth: 1,
    lineCap: "butt",
    setTransform() {},
    clearRect() {
      painted.length = 0;
    },
    setLineDash() {},
    fillRect() {},
    beginPath() {
      this.current = new FakePath();
    },
    current: new FakePath(),
    roundRect(x: number) {
      this.current.roundRect(x);
    },
    fill(path?: FakePath) {
      painted.push({ op: "fill", style: this.fillStyle, nodes: (path ?? this.current).boxes });
    },
    stroke(path?: FakePath) {
      painted.push({ op: "stroke", style: this.strokeStyle, nodes: (path ?? this.current).boxes });
    },
    createPattern: () => null,
  };
  const el = document.createElement("canvas");
  Object.defineProperty(el, "getContext", { value: () => ctx });
  ctx.canvas = el;
  return { el, painted };
}

describe("attachOverviewCanvas", () => {
  const nodes = Array.from({ length: 10 }, (_, i) => node(i));
  const view: View = { x: 0, y: 0, zoom: 0.2, width: 400, height: 100 };
  let frames: (() => void)[];
  beforeEach(() => {
    vi.stubGlobal("Path2D", FakePath);
    frames = [];
    vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => frames.push(() => cb(0)));
    document.documentElement.style.setProperty(toneVariable("succeeded"), "green");
    document.documentElement.style.setProperty(toneVariable("failed"), "orange");
    document.documentElement.style.setProperty("--color-slate-300", "grey");
    document.documentElement.style.setProperty("--color-indigo-600", "indigo");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  const flush = () => frames.splice(0).forEach((f) => f());
  const fills = (painted: ReturnType<typeof fakeCanvas>["painted"]) => painted.filter((p) => p.op === "fill").map((p) => [p.style, p.nodes]);

  it("fills each node with its phase's colour (the pattern's fallback here), not-started nodes grey, and recolours on a phase change", async () => {
    const { el, painted } = fakeCanvas();
    document.body.append(el);
    const overlay = new KeyedStore<NodeOverlayEntry>(new Map([["n1", entry("n1", NP.SUCCEEDED)]]));
    const selection = new KeyedStore<true>(new Map());
    const detach = attachOverviewCanvas(el, { nodes, edgePaths: [], overlay, selection, view: () => view, onView: () => () => {} })!;
    expect(fills(painted)).toEqual([
      ["grey", [0, 2, 3, 4, 5, 6, 7, 8, 9]],
      ["green", [1]],
    ]);
    overlay.replace(new Map([["n1", entry("n1", NP.SUCCEEDED)], ["n2", entry("n2", NP.FAILED)]]));
    flush();
    expect(fills(painted)).toEqual([
      ["grey", [0, 3, 4, 5, 6, 7, 8, 9]],
      ["green", [1]],
      ["orange", [2]],
    ]);
    detach();
    expect(el.style.display).toBe("none");
  });

  it("outlines the selected node, and takes the theme's colours when the theme changes", async () => {
    const { el, painted } = fakeCanvas();
    document.body.append(el);
    const overlay = new KeyedStore<NodeOverlayEntry>(new Map());
    const selection = new KeyedStore<true>(new Map([["n3", true as const]]));
    const detach = attachOverviewCanvas(el, { nodes, edgePaths: [], overlay, selection, view: () => view, onView: () => () => {} })!;
    expect(painted.filter((p) => p.op === "stroke")).toEqual([{ op: "stroke", style: "indigo", nodes: [3] }]);
    document.documentElement.style.setProperty("--color-slate-300", "dark-grey");
    document.documentElement.setAttribute("data-theme", "dark");
    await Promise.resolve();
    flush();
    expect(fills(painted)).toEqual([["dark-grey", nodes.map((_, i) => i)]]);
    detach();
  });

  it("redraws for a view that left the bitmap, not for one still in it", () => {
    const { el, painted } = fakeCanvas();
    document.body.append(el);
    let current = { ...view, zoom: 1, width: 200 };
    let listener = () => {};
    const overlay = new KeyedStore<NodeOverlayEntry>(new Map());
    const selection = new KeyedStore<true>(new Map());
    const detach = attachOverviewCanvas(el, { nodes, edgePaths: [], overlay, selection, view: () => current, onView: (l) => ((listener = l), () => {}) })!;
    // Graph x 0…200 in view, drawn from -100 to 300: nodes 0…2.
    expect(fills(painted)).toEqual([["grey", [0, 1, 2]]]);
    current = { ...current, x: -50 };
    listener();
    expect(frames).toHaveLength(0);
    current = { ...current, x: -500 };
    listener();
    flush();
    expect(fills(painted)).toEqual([["grey", [4, 5, 6, 7]]]);
    detach();
  });
});
