"use client";

import type { NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { formatBytes } from "@/lib/flyte/literals/display";
import type { OffloadedData } from "@/lib/flyte/remote-data";
import { useLoadOffloadedNodeData } from "@/lib/query/dataproxy";
import { CopyButton } from "@/components/literals/copy-button";
import { dataAccessError } from "@/components/literals/data-access-error";
import { LiteralMapView } from "@/components/literals/literal-map-view";
import type { LiteralAccess } from "@/components/literals/literal-tree";

/**
 * Inputs or outputs FlyteAdmin left out of its answer for their size: say so, and load them on request
 * (the stored LiteralMap, read through the console); when that cannot be done, the URL stays to copy.
 */
export function OffloadedNodeData({
  id,
  which,
  offloaded,
  access,
}: {
  id: NodeExecutionIdentifier;
  which: "inputs" | "outputs";
  offloaded: OffloadedData;
  access: LiteralAccess;
}) {
  const load = useLoadOffloadedNodeData(id, which);
  if (load.data) {
    return (
      <div data-testid={`node-${which}`} data-offloaded="loaded">
        <LiteralMapView literals={load.data} {...access} />
      </div>
    );
  }
  const error = load.error ? dataAccessError(load.error, `the ${which}`) : undefined;
  return (
    <div data-testid={`node-${which}-offloaded`} className="space-y-2 rounded border border-amber-200 bg-amber-50/60 p-2 text-sm">
      <p className="text-slate-800">
        FlyteAdmin did not include these {which} in its answer: they are {formatBytes(offloaded.bytes)}, over its size limit for inline data.
      </p>
      <p className="flex items-baseline gap-1 text-xs">
        <span className="min-w-0 break-all font-mono text-slate-700" data-testid="offloaded-url">
          {offloaded.url}
        </span>
        <CopyButton text={() => offloaded.url} label={`Copy the URL of the ${which}`} />
      </p>
      {error?.unavailable ? null : (
        <button
          type="button"
          onClick={() => load.mutate()}
          disabled={load.isPending}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50 disabled:text-slate-500"
        >
          {load.isPending ? `Loading ${which}…` : error ? `Retry loading offloaded ${which}` : `Load offloaded ${which}`}
        </button>
      )}
      {error ? (
        <p role="alert" className="text-xs text-red-700" data-testid="offloaded-error">
          {error.text}
        </p>
      ) : null}
    </div>
  );
}
