// Layout off the main thread: the page stays responsive while thousands of nodes are placed.
import type { LayoutInput } from "@/lib/flyte/graph/layout-input";
import { computeLayout } from "@/lib/flyte/graph/layout";

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  const started = performance.now();
  const layout = computeLayout(event.data);
  (self as unknown as Worker).postMessage({ layout, millis: performance.now() - started });
};
