// Timing entry points for `npm run bench` (the lead's bench/run.ts prints them).
import { buildWorkflowGraph } from "./build";
import { layoutInput } from "./layout-input";
import { syntheticClosure } from "./synthetic";

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/*
 * Median ms to build the graph of a fresh `nodes`-node closure (1 in 100 nodes a sub-workflow, 1 in 250 a
 * branch), hashing included; each run gets its own closure so no memoised hash or index helps. One warm-up run.
 */
export function benchBuildGraph(nodes: number): number {
  const closures = Array.from({ length: RUNS + 1 }, () =>
    syntheticClosure(nodes, { subWorkflowEvery: 100, branchEvery: 250 }),
  );
  buildWorkflowGraph(closures[0]);
  const times: number[] = [];
  for (const closure of closures.slice(1)) {
    const t0 = performance.now();
    buildWorkflowGraph(closure);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Median ms of build + layoutInput with every group open (what a first paint of an expanded graph costs). */
export function benchBuildLayoutInput(nodes: number): number {
  const closures = Array.from({ length: RUNS + 1 }, () =>
    syntheticClosure(nodes, { subWorkflowEvery: 100, branchEvery: 250 }),
  );
  layoutInput(buildWorkflowGraph(closures[0], { expanded: "all" }));
  const times: number[] = [];
  for (const closure of closures.slice(1)) {
    const t0 = performance.now();
    layoutInput(buildWorkflowGraph(closure, { expanded: "all" }));
    times.push(performance.now() - t0);
  }
  return median(times);
}
