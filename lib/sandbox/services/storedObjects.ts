// The objects the sandbox can hand out through signed links. It has no blob store: a node's deck is
// rendered from its stored inputs and outputs (flytekit's default deck shows those two), an
// offloaded-data URI (offload.ts) answers the stored LiteralMap as the binary file it names, and a
// file a simulated task wrote answers content made from its URI (blobObjects.ts).
import { toBinary, toJson } from "@bufbuild/protobuf";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { escapeHtml } from "../auth/page";
import { getExecution, getExecutionData } from "../store/executions";
import { getNodeExecution, getNodeExecutionData } from "../store/nodeExecutions";
import type { SandboxContext } from "./context";
import { blobContent } from "./blobObjects";
import { parseOffloadedDataUri } from "./offload";
import type { ObjectRef } from "./signedLinks";

export interface StoredObject {
  contentType: string;
  body: Uint8Array;
}

function literalSection(title: string, map: LiteralMap | undefined): string {
  const text = map ? JSON.stringify(toJson(LiteralMapSchema, map), null, 2) : "(none)";
  return `<h2>${title}</h2>\n<pre>${escapeHtml(text)}</pre>`;
}

function deck(ctx: SandboxContext, ref: Extract<ObjectRef, { kind: "deck" }>): StoredObject | undefined {
  const exec = getExecution(ctx.db, ref);
  const node = exec && getNodeExecution(ctx.db, exec.id, ref.nodeId);
  if (!node?.nodeExecution.closure?.deckUri) return undefined;
  const data = getNodeExecutionData(ctx.db, node.rowId);
  const title = `${ref.project}/${ref.domain}/${ref.name} · ${ref.nodeId}`;
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${literalSection("Inputs", data.inputs)}
${literalSection("Outputs", data.outputs)}
<p id="deck-script">This line is replaced when the deck's script runs.</p>
<script>document.getElementById("deck-script").textContent = "Rendered by the deck's own script.";</script>
</body></html>
`;
  return { contentType: "text/html; charset=utf-8", body: new TextEncoder().encode(html) };
}

function offloadedData(ctx: SandboxContext, url: string): StoredObject | undefined {
  const at = parseOffloadedDataUri(url);
  const exec = at && getExecution(ctx.db, at);
  if (!at || !exec) return undefined;
  let data: { inputs?: LiteralMap; outputs?: LiteralMap } | undefined;
  if (at.nodeId === undefined) data = getExecutionData(ctx.db, exec.id);
  else {
    const node = getNodeExecution(ctx.db, exec.id, at.nodeId);
    data = node && getNodeExecutionData(ctx.db, node.rowId);
  }
  const map = data?.[at.io];
  return map && { contentType: "application/octet-stream", body: toBinary(LiteralMapSchema, map) };
}

export function readStoredObject(ctx: SandboxContext, ref: ObjectRef): StoredObject | undefined {
  return ref.kind === "deck" ? deck(ctx, ref) : (offloadedData(ctx, ref.url) ?? blobContent(ref.url));
}
