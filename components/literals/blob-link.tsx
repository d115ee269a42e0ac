"use client";

import { useState } from "react";
import type { DownloadLink } from "@/lib/query/dataproxy";
import { dataAccessError } from "./data-access-error";

/** Asks FlyteAdmin's DataProxy for a signed link to a stored file, for the browser to open or save. */
export type OpenBlob = (uri: string) => Promise<DownloadLink>;

type State = { status: "idle" | "loading" } | { status: "error"; text: string } | { status: "done"; link: DownloadLink };

const timeOf = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/**
 * "Open" for a file a task read or wrote: one click gets a signed link (it expires), which then opens in a
 * new tab, on the store's origin, never the console's.
 */
export function BlobLink({ uri, path, open }: { uri: string; path: string; open: OpenBlob }) {
  const [state, setState] = useState<State>({ status: "idle" });
  if (state.status === "done") {
    return (
      <span className="inline-flex items-baseline gap-1.5 text-xs" data-testid="blob-link">
        <a href={state.link.url} target="_blank" rel="noopener noreferrer" className="text-indigo-700 underline" aria-label={`Open ${path}`}>
          Open
        </a>
        {state.link.expiresAtMs !== undefined ? <span className="text-slate-500">link valid until {timeOf(state.link.expiresAtMs)} UTC</span> : null}
      </span>
    );
  }
  const fetchLink = () => {
    setState({ status: "loading" });
    open(uri).then(
      (link) => setState({ status: "done", link }),
      (e: unknown) => setState({ status: "error", text: dataAccessError(e, "this file").text }),
    );
  };
  return (
    <span className="inline-flex flex-wrap items-baseline gap-1.5 text-xs">
      <button
        type="button"
        onClick={fetchLink}
        disabled={state.status === "loading"}
        aria-label={`Get a download link for ${path}`}
        className="rounded border border-slate-300 bg-white px-1.5 text-indigo-700 hover:bg-indigo-50 disabled:text-slate-500"
      >
        {state.status === "loading" ? "Getting link…" : "Download / open"}
      </button>
      {state.status === "error" ? (
        <span role="alert" className="text-red-700" data-testid="blob-link-error">
          {state.text}
        </span>
      ) : null}
    </span>
  );
}
