// The first layout of a workflow's graph, computed on the server and sent with the execution page so the
// browser draws at once instead of loading and running its layout worker. A layout is a pure function of
// the compiled closure (lib/flyte/graph/layout.ts initialLayout), so one computation serves every viewer of
// every execution of that workflow: kept here, in memory, keyed by a digest of the workflow's bytes (not by
// its id: nothing is assumed about FlyteAdmin keeping a version's closure unchanged) and LAYOUT_VERSION.
// Only a viewer whose own GetWorkflow returned those bytes is handed it.
import { createHash } from "node:crypto";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { WorkflowSchema, type Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { initialLayout, type Layout } from "@/lib/flyte/graph/layout";
import { LAYOUT_VERSION } from "@/lib/flyte/graph/layout-version";

export interface LayoutCacheOptions {
  /** Boxes kept in all, summed over the cached layouts (a 10,000-node layout is some 0.5 MB as JSON). */
  maxBoxes: number;
  /** Layouts kept at most. */
  maxEntries: number;
}

const DEFAULTS: LayoutCacheOptions = { maxBoxes: 200_000, maxEntries: 64 };

interface Entry {
  /** The layout as JSON, what the page sends: serialized once, not once per viewer. */
  json: string;
  boxes: number;
}

export class LayoutCache {
  private readonly entries = new Map<string, Entry>();
  private boxes = 0;
  /** Layouts computed (misses), for tests and metrics. */
  computed = 0;

  constructor(private readonly opts: LayoutCacheOptions = DEFAULTS) {}

  /**
   * The initial layout of `workflow`'s graph as JSON (a Layout), from the cache or computed now; undefined when
   * the workflow has no compiled closure or it cannot be laid out. `workflow` may be opaque (lib/protobuf/opaque.ts):
   * its bytes are decoded only on a miss.
   */
  layoutOf(workflow: Workflow): string | undefined {
    const bytes = toBinary(WorkflowSchema, workflow);
    const key = `${LAYOUT_VERSION}:${createHash("sha256").update(bytes).digest("base64url")}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.json;
    }
    let layout: Layout;
    try {
      const closure = fromBinary(WorkflowSchema, bytes).closure?.compiledWorkflow;
      if (!closure?.primary) return undefined;
      layout = initialLayout(closure);
    } catch {
      return undefined;
    }
    this.computed++;
    const entry = { json: JSON.stringify(layout), boxes: Object.keys(layout.boxes).length };
    if (entry.boxes > this.opts.maxBoxes) return entry.json;
    this.entries.set(key, entry);
    this.boxes += entry.boxes;
    for (const [k, e] of this.entries) {
      if (this.boxes <= this.opts.maxBoxes && this.entries.size <= this.opts.maxEntries) break;
      this.entries.delete(k);
      this.boxes -= e.boxes;
    }
    return entry.json;
  }
}

// Once per process, not per bundle (Next bundles each server page on its own; see watch/shared-hub.ts).
const GLOBAL_KEY = "__flyteConsoleLayoutCache";
type WithCache = typeof globalThis & { [GLOBAL_KEY]?: LayoutCache };

/** The process's layout cache, shared by every viewer. */
export function layoutCache(): LayoutCache {
  const g = globalThis as WithCache;
  g[GLOBAL_KEY] ??= new LayoutCache();
  return g[GLOBAL_KEY];
}
