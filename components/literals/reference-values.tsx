"use client";

import type { DisplayNode } from "@/lib/flyte/literals/display-node";
import { stringifyJson } from "@/lib/flyte/literals/json";
import { BlobLink, type OpenBlob } from "./blob-link";
import { CopyButton } from "./copy-button";
import { LongText } from "./long-text";

type Blob = Extract<DisplayNode, { kind: "blob" }>;
type Dataset = Extract<DisplayNode, { kind: "structuredDataset" | "schema" }>;
type Binary = Extract<DisplayNode, { kind: "binary" }>;

function Uri({ uri, path }: { uri: string; path: string }) {
  return (
    <span className="inline-flex max-w-full items-baseline gap-1">
      <span className="break-all font-mono text-xs text-slate-800" data-testid="literal-uri">
        {uri || "(no URI)"}
      </span>
      {uri ? <CopyButton text={() => uri} label={`Copy URI of ${path}`} /> : null}
    </span>
  );
}

function Tag({ children }: { children: string }) {
  return <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">{children}</span>;
}

/**
 * Files and directories (FlyteFile, FlyteDirectory): where they are and what format; a file can be opened
 * through DataProxy when `open` is given (a directory is a prefix, no one object to download).
 */
export function BlobValue({ node, path, open }: { node: Blob; path: string; open?: OpenBlob }) {
  return (
    <span className="inline-flex max-w-full flex-wrap items-baseline gap-1.5">
      <Tag>{node.dimensionality === "multipart" ? "directory" : "file"}</Tag>
      {node.format ? <Tag>{node.format}</Tag> : null}
      <Uri uri={node.uri} path={path} />
      {open && node.uri && node.dimensionality !== "multipart" ? <BlobLink uri={node.uri} path={path} open={open} /> : null}
    </span>
  );
}

/** Structured datasets and (legacy) schemas: URI, format and the columns the type declares. */
export function DatasetValue({ node, path }: { node: Dataset; path: string }) {
  return (
    <span className="inline-flex max-w-full flex-col gap-1">
      <span className="inline-flex max-w-full flex-wrap items-baseline gap-1.5">
        <Tag>{node.kind === "schema" ? "schema" : "dataset"}</Tag>
        {node.kind === "structuredDataset" && node.format ? <Tag>{node.format}</Tag> : null}
        <Uri uri={node.uri} path={path} />
      </span>
      {node.columns.length ? (
        <span className="text-xs text-slate-600">
          Columns:{" "}
          {node.columns.map((c, i) => (
            <span key={c.name} className="font-mono">
              {i > 0 ? ", " : ""}
              {c.name}: <span className="text-slate-500">{c.type}</span>
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}

/** Raw bytes: size and tag; a msgpack-encoded dataclass is shown as the JSON it holds. */
export function BinaryValue({ node }: { node: Binary }) {
  return (
    <span className="inline-flex max-w-full flex-col gap-1">
      <span className="inline-flex flex-wrap items-baseline gap-1.5">
        <Tag>{`${node.size.toLocaleString("en")} bytes`}</Tag>
        {node.tag ? <Tag>{node.tag}</Tag> : null}
      </span>
      {node.decoded !== undefined ? (
        <LongText pre text={stringifyJson(node.decoded)} className="block rounded bg-slate-50 px-2 py-1 text-xs" limit={2_000} />
      ) : null}
    </span>
  );
}
