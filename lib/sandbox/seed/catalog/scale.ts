// Large workflows for performance work: a layered fan-out/fan-in. A split task fans out to `width`
// chains `depth` layers deep, where each node also reads its neighbour in the previous layer, and
// one task gathers the last layer through a list binding.
import type { CatalogBuilder } from "./builder";
import { L, T } from "./literals";
import { out, taskNode, wfInput, type NodeInit } from "./nodes";

export const LAYERED_SIZES = {
  "1k": { width: 40, depth: 25 },
  "5k": { width: 100, depth: 50 },
} as const;

export function scale(c: CatalogBuilder): void {
  const split = c.task({
    name: "core.benchmarks.layered.split",
    description: "Seeds every chain.",
    inputs: { seed: T.int, width: T.int },
    outputs: { o0: T.list(T.int) },
  });
  const step = c.task({
    name: "core.benchmarks.layered.step",
    description: "Combines a chain's value with its neighbour's.",
    inputs: { a: T.int, b: T.int },
    outputs: { o0: T.int },
    requests: { cpu: "100m", memory: "128Mi" },
    sandbox: { durationMs: 500 },
  });
  const gather = c.task({
    name: "core.benchmarks.layered.gather",
    description: "Sums the last layer.",
    inputs: { values: T.list(T.int) },
    outputs: { o0: T.int },
  });

  for (const [label, { width, depth }] of Object.entries(LAYERED_SIZES)) {
    const nodes: NodeInit[] = [taskNode("split", split, { seed: wfInput("seed"), width: L.int(width) })];
    const id = (layer: number, i: number) => `l${layer}-n${i}`;
    for (let layer = 0; layer < depth; layer++) {
      for (let i = 0; i < width; i++) {
        const inputs =
          layer === 0
            ? { a: wfInput("seed"), b: wfInput("seed") }
            : { a: out(id(layer - 1, i)), b: out(id(layer - 1, (i + 1) % width)) };
        nodes.push(taskNode(id(layer, i), step, inputs, { after: layer === 0 ? ["split"] : [] }));
      }
    }
    nodes.push(taskNode("gather", gather, { values: Array.from({ length: width }, (_, i) => out(id(depth - 1, i))) }));
    const wf = c.workflow({
      name: `core.benchmarks.layered.fan_out_fan_in_${label}`,
      description: `${width * depth + 2} nodes: ${width} chains, ${depth} layers deep, fanning in to one task.`,
      inputs: { seed: T.int },
      outputs: { o0: T.int },
      defaults: { seed: L.int(7) },
      nodes,
      returns: { o0: out("gather") },
    });
    if (label === "1k") c.launch("seed-large-1k", wf);
  }
}
