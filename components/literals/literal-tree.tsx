"use client";

import { useState } from "react";
import type { DisplayNode } from "@/lib/flyte/literals/display-node";
import { displayToJson, stringifyJson } from "@/lib/flyte/literals/json";
import { CopyButton } from "./copy-button";
import { LongText } from "./long-text";
import { OffloadedValue, type LoadOffloaded } from "./offloaded-value";
import type { OpenBlob } from "./blob-link";
import { BlobValue, BinaryValue, DatasetValue } from "./reference-values";

const PAGE = 100;
const OPEN_DEPTH = 2;

/** What the tree may fetch on request: offloaded values, and signed links to files. */
export interface LiteralAccess {
  loadOffloaded?: LoadOffloaded;
  openBlob?: OpenBlob;
}

type Props = { node: DisplayNode; path: string; depth: number } & LiteralAccess;

/**
 * One value, read-only: leaves inline, collections and maps as collapsible trees. Everything
 * from the backend is rendered as text (React escapes it); nothing is parsed as HTML.
 */
export function LiteralTree({ node, path = "value", loadOffloaded, openBlob }: { node: DisplayNode; path?: string } & LiteralAccess) {
  return (
    <div className="text-sm text-slate-900" data-testid="literal-tree">
      <ValueNode node={node} path={path} depth={0} loadOffloaded={loadOffloaded} openBlob={openBlob} />
    </div>
  );
}

export function copyJson(node: DisplayNode): () => string {
  return () => stringifyJson(displayToJson(node));
}

export function ValueNode(props: Props) {
  const { node } = props;
  if (node.kind === "list" || node.kind === "map") return <Branch {...props} node={node} />;
  return (
    <span className="group inline-flex max-w-full flex-wrap items-baseline gap-x-1.5" data-kind={node.kind}>
      <Leaf {...props} />
      {node.kind === "union" ? null : <CopyButton text={copyJson(node)} label={`Copy ${props.path} as JSON`} />}
    </span>
  );
}

function Leaf({ node, path, depth, loadOffloaded, openBlob }: Props) {
  switch (node.kind) {
    case "primitive":
      if (node.primitive === "string") {
        return node.text === "" ? <span className="italic text-slate-500">empty string</span> : <LongText text={node.text} />;
      }
      return (
        <span className="font-mono tabular-nums" data-primitive={node.primitive}>
          {node.text}
          {node.exact ? <span className="ml-1.5 text-xs text-slate-500">({node.exact})</span> : null}
          {node.primitive === "datetime" ? <span className="sr-only"> UTC</span> : null}
        </span>
      );
    case "none":
      return <span className="font-mono italic text-slate-500">None</span>;
    case "error":
      return (
        <span className="text-red-800">
          <LongText text={node.message} />
          {node.failedNodeId ? <span className="ml-1 text-xs text-red-700/80">(node {node.failedNodeId})</span> : null}
        </span>
      );
    case "blob":
      return <BlobValue node={node} path={path} open={openBlob} />;
    case "structuredDataset":
    case "schema":
      return <DatasetValue node={node} path={path} />;
    case "binary":
      return <BinaryValue node={node} />;
    case "struct":
      return <LongText pre text={stringifyJson(node.json)} className="block rounded bg-slate-50 px-2 py-1 text-xs" limit={2_000} />;
    case "union":
      return (
        <span className="inline-flex max-w-full flex-wrap items-baseline gap-1.5">
          <span className="rounded bg-violet-50 px-1.5 text-xs text-violet-800" title="Union variant">
            {node.variant}
          </span>
          <ValueNode node={node.value} path={path} depth={depth} loadOffloaded={loadOffloaded} openBlob={openBlob} />
        </span>
      );
    case "offloaded":
      return (
        <OffloadedValue
          node={node}
          path={path}
          load={loadOffloaded}
          render={(loaded) => <ValueNode node={loaded} path={path} depth={depth} loadOffloaded={loadOffloaded} openBlob={openBlob} />}
        />
      );
    case "unknown":
      return <span className="italic text-slate-500">{node.reason}</span>;
    default:
      return null;
  }
}

type BranchNode = Extract<DisplayNode, { kind: "list" | "map" }>;

function Branch({ node, path, depth, loadOffloaded, openBlob }: Props & { node: BranchNode }) {
  const children =
    node.kind === "list"
      ? node.items.map((value, i) => ({ label: `[${i}]`, path: `${path}[${i}]`, value }))
      : node.entries.map((e) => ({ label: e.key, path: keyPath(path, e.key), value: e.value }));
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const [shown, setShown] = useState(PAGE);
  const count = children.length;
  const summary = node.kind === "list" ? `List · ${count} ${count === 1 ? "item" : "items"}` : `Map · ${count} ${count === 1 ? "key" : "keys"}`;
  if (count === 0) {
    return (
      <span className="group inline-flex items-baseline gap-1.5" data-kind={node.kind}>
        <span className="font-mono text-slate-500">{node.kind === "list" ? "[] (empty list)" : "{} (empty map)"}</span>
        <CopyButton text={copyJson(node)} label={`Copy ${path} as JSON`} />
      </span>
    );
  }
  return (
    <div data-kind={node.kind}>
      <div className="group inline-flex items-baseline gap-1.5">
        <button
          type="button"
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} ${path}`}
          onClick={() => setOpen((o) => !o)}
          className="rounded px-0.5 text-xs text-slate-600 hover:bg-slate-100"
        >
          <span aria-hidden>{open ? "▾" : "▸"}</span> {summary}
        </button>
        <CopyButton text={copyJson(node)} label={`Copy ${path} as JSON`} />
      </div>
      {open ? (
        <ul className="ml-2 border-l border-slate-200 pl-3">
          {children.slice(0, shown).map((c) => (
            <li key={c.path} className="flex items-baseline gap-2 py-0.5">
              <span className="shrink-0 font-mono text-xs text-slate-500">{c.label}</span>
              <div className="min-w-0 flex-1">
                <ValueNode node={c.value} path={c.path} depth={depth + 1} loadOffloaded={loadOffloaded} openBlob={openBlob} />
              </div>
            </li>
          ))}
          {count > shown ? (
            <li className="py-1">
              <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setShown((s) => s + PAGE)}>
                Show {Math.min(PAGE, count - shown)} more of {count - shown} remaining
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_][\w]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
