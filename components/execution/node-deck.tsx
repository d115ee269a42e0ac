"use client";

import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { sandboxedHtmlUrl } from "@/lib/flyte/logs/protocol";
import { useNodeDeck } from "@/lib/query/dataproxy";
import { CopyButton } from "@/components/literals/copy-button";
import { dataAccessError } from "@/components/literals/data-access-error";
import { LoadingRows } from "@/components/ui/query-state";

/**
 * A node's Flyte Deck: HTML its task wrote, with scripts. It runs in a sandboxed frame: scripts yes, but in
 * an opaque origin (no allow-same-origin), with no way to navigate the console's tab (no
 * allow-top-navigation). Full page, the console serves it under the same sandbox as a CSP.
 */
export function NodeDeck({ nodeExecution }: { nodeExecution: NodeExecution }) {
  const id = nodeExecution.id!;
  const deckUri = nodeExecution.closure?.deckUri ?? "";
  const deck = useNodeDeck(id, deckUri !== "");
  const error = deck.error ? dataAccessError(deck.error, "the deck") : undefined;
  return (
    <section data-testid="node-deck" aria-label="Flyte Deck" className="flex h-full min-h-[24rem] flex-col gap-2">
      <div className="flex flex-wrap items-baseline gap-2 text-xs">
        <span className="min-w-0 flex-1 break-all font-mono text-slate-600" data-testid="deck-uri">
          {deckUri}
        </span>
        {deckUri ? <CopyButton text={() => deckUri} label="Copy deck URI" /> : null}
        {deck.data ? (
          <a href={sandboxedHtmlUrl(deck.data.url)} target="_blank" rel="noopener noreferrer" className="text-indigo-700 underline">
            Open full page
          </a>
        ) : null}
      </div>
      {!deckUri ? (
        <p className="text-sm text-slate-500" data-testid="deck-error">
          This node has no deck.
        </p>
      ) : deck.isPending ? (
        <LoadingRows rows={3} label="Loading deck" />
      ) : error ? (
        <div role="alert" data-testid="deck-error" className="space-y-1 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800">
          <p>{error.text}</p>
          {error.unavailable ? null : (
            <button type="button" className="text-xs text-indigo-700 underline" onClick={() => void deck.refetch()}>
              Try again
            </button>
          )}
        </div>
      ) : (
        <iframe
          title={`Deck of node ${id.nodeId}`}
          data-testid="deck-frame"
          sandbox="allow-scripts"
          referrerPolicy="no-referrer"
          srcDoc={deck.data?.html}
          className="min-h-0 w-full flex-1 rounded border border-slate-200 bg-white"
        />
      )}
    </section>
  );
}
