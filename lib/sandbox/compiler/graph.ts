// Graph checks on a workflow's downstream edges, iterative so that 5,000-node workflows do not
// exhaust the stack.

/** A cycle as a path that starts and ends at the same node, or undefined when the graph is acyclic. */
export function findCycle(ids: string[], next: (id: string) => Iterable<string>): string[] | undefined {
  const state = new Map<string, "active" | "done">();
  for (const root of ids) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const iterators: Iterator<string>[] = [next(root)[Symbol.iterator]()];
    state.set(root, "active");
    while (path.length > 0) {
      const step = iterators[iterators.length - 1].next();
      if (step.done) {
        state.set(path.pop() as string, "done");
        iterators.pop();
        continue;
      }
      const child = step.value;
      const s = state.get(child);
      if (s === "active") return [...path.slice(path.indexOf(child)), child];
      if (s === "done") continue;
      state.set(child, "active");
      path.push(child);
      iterators.push(next(child)[Symbol.iterator]());
    }
  }
  return undefined;
}

/** Ids (in the given order) that no path from `start` reaches. */
export function unreachableFrom(start: string, ids: string[], next: (id: string) => Iterable<string>): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const child of next(queue.pop() as string)) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return ids.filter((id) => !seen.has(id));
}
