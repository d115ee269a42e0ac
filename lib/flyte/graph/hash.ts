// A stable hash of what a closure's graph is made of, to key cached layouts.
import type { CompiledWorkflow, CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Binding } from "@/lib/gen/flyteidl/core/literals_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { conditionText, promiseNodeIds, referenceKey } from "../closure";

/** cyrb53-style 64-bit string hash, fed piece by piece. */
export class StringHasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // A separator, so that ["ab", "c"] and ["a", "bc"] differ.
    this.h1 = Math.imul(h1 ^ 0x1e, 2654435761);
    this.h2 = Math.imul(h2 ^ 0x1e, 1597334677);
    return this;
  }

  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
  }
}

const cache = new WeakMap<CompiledWorkflowClosure, string>();

/**
 * 16 hex digits that change whenever something the graph shows changes (node ids, names, kinds, references,
 * branch conditions, connections, task types) and only then. Map entries are hashed in sorted key order,
 * because FlyteAdmin (Go) serialises maps in random order and the same closure must hash the same.
 */
export function closureHash(closure: CompiledWorkflowClosure): string {
  const cached = cache.get(closure);
  if (cached) return cached;
  const h = new StringHasher();
  if (closure.primary) hashWorkflow(h.add("primary"), closure.primary);
  for (const w of closure.subWorkflows) hashWorkflow(h.add("sub"), w);
  for (const t of closure.tasks) h.add("task").add(referenceKey(t.template?.id)).add(t.template?.type ?? "");
  for (const lp of closure.launchPlans) h.add("lp").add(referenceKey(lp.template?.id));
  const digest = h.digest();
  cache.set(closure, digest);
  return digest;
}

function hashWorkflow(h: StringHasher, wf: CompiledWorkflow): void {
  const t = wf.template;
  h.add(referenceKey(t?.id)).add(String(t?.nodes.length ?? 0));
  for (const n of t?.nodes ?? []) hashNode(h, n);
  for (const b of t?.outputs ?? []) hashBinding(h, b);
  for (const map of [wf.connections?.downstream ?? {}, wf.connections?.upstream ?? {}]) {
    h.add("connections");
    for (const key of Object.keys(map).sort()) {
      h.add(key);
      for (const id of map[key].ids) h.add(id);
    }
  }
}

function hashNode(h: StringHasher, n: Node): void {
  h.add("n").add(n.id).add(n.metadata?.name ?? "").add(n.target.case ?? "");
  for (const up of n.upstreamNodeIds) h.add(up);
  for (const b of n.inputs) hashBinding(h, b);
  const t = n.target;
  switch (t.case) {
    case "taskNode":
      h.add(referenceKey(t.value.reference.value));
      break;
    case "workflowNode":
      h.add(t.value.reference.case ?? "").add(referenceKey(t.value.reference.value));
      break;
    case "branchNode": {
      const ie = t.value.ifElse;
      if (ie?.case?.thenNode) hashNode(h.add("if").add(conditionText(ie.case.condition) ?? ""), ie.case.thenNode);
      for (const o of ie?.other ?? []) if (o.thenNode) hashNode(h.add("elif").add(conditionText(o.condition) ?? ""), o.thenNode);
      if (ie?.default.case === "elseNode") hashNode(h.add("else"), ie.default.value);
      if (ie?.default.case === "error") h.add("error").add(ie.default.value.message);
      break;
    }
    case "gateNode": {
      const c = t.value.condition;
      h.add(c.case ?? "");
      if (c.case === "approve" || c.case === "signal") h.add(c.value.signalId);
      if (c.case === "sleep") h.add(String(c.value.duration?.seconds ?? 0));
      break;
    }
    case "arrayNode":
      if (t.value.node) hashNode(h.add("inner"), t.value.node);
      break;
  }
  h.add("/n");
}

function hashBinding(h: StringHasher, b: Binding): void {
  for (const id of promiseNodeIds(b.binding)) h.add(id);
}
