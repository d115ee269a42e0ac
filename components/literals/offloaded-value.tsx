"use client";

import { useState, type ReactNode } from "react";
import type { DisplayNode } from "@/lib/flyte/literals/display-node";
import { CopyButton } from "./copy-button";

type Offloaded = Extract<DisplayNode, { kind: "offloaded" }>;
/** Fetches an offloaded literal (through the BFF) and returns it ready to render. */
export type LoadOffloaded = (node: Offloaded) => Promise<DisplayNode>;

/**
 * Flyte stores big values (e.g. a huge list) outside the execution record. Show where, how big
 * and of what type; fetch the value only when asked, so the panel opens fast.
 */
export function OffloadedValue({
  node,
  path,
  load,
  render,
}: {
  node: Offloaded;
  path: string;
  load?: LoadOffloaded;
  render: (loaded: DisplayNode) => ReactNode;
}) {
  const [state, setState] = useState<{ status: "idle" | "loading" } | { status: "error"; message: string } | { status: "done"; node: DisplayNode }>({
    status: "idle",
  });
  if (state.status === "done") return <>{render(state.node)}</>;
  const fetchValue = () => {
    if (!load) return;
    setState({ status: "loading" });
    load(node).then(
      (loaded) => setState({ status: "done", node: loaded }),
      (e: unknown) => setState({ status: "error", message: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <span className="inline-flex max-w-full flex-col gap-1">
      <span className="inline-flex max-w-full flex-wrap items-baseline gap-1.5">
        <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-900">stored separately · {node.sizeText}</span>
        {node.inferredType ? <span className="font-mono text-xs text-slate-500">{node.inferredType}</span> : null}
        <span className="break-all font-mono text-xs">{node.uri}</span>
        <CopyButton text={() => node.uri} label={`Copy URI of ${path}`} />
      </span>
      {load ? (
        <span className="inline-flex items-baseline gap-2">
          <button
            type="button"
            disabled={state.status === "loading"}
            onClick={fetchValue}
            className="text-xs text-indigo-700 hover:underline disabled:text-slate-500"
          >
            {state.status === "loading" ? "Loading…" : state.status === "error" ? `Retry loading ${path}` : `Load ${path}`}
          </button>
          {state.status === "error" ? (
            <span role="alert" className="text-xs text-red-700">
              {state.message}
            </span>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}
