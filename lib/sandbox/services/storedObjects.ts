// The objects the sandbox can hand out through signed links. It has no blob store: a node's deck is
// rendered from its stored inputs and outputs (flytekit's default deck shows those two), and an
// offloaded-outputs URI (offload.ts) answers the stored LiteralMap as the binary file it names.
import { toBinary, toJson } from "@bufbuild/protobuf";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { escapeHtml } from "../auth/page";
import { getExecution, getExecutionData } from "../store/executions";
import { getNodeExecution, getNodeExecutionData } from "../store/nodeExecutions";
import type { SandboxContext } from "./context";
import { parseOffloadedOutputsUri } from "./offload";
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
</body></html>
`;
  return { contentType: "text/html; charset=utf-8", body: new TextEncoder().encode(html) };
}

function offloadedOutputs(ctx: SandboxContext, url: string): StoredObject | undefined {
  const at = parseOffloadedOutputsUri(url);
  const exec = at && getExecution(ctx.db, at);
  if (!at || !exec) return undefined;
  let outputs: LiteralMap | undefined;
  if (at.nodeId === undefined) outputs = getExecutionData(ctx.db, exec.id).outputs;
  else {
    const node = getNodeExecution(ctx.db, exec.id, at.nodeId);
    outputs = node && getNodeExecutionData(ctx.db, node.rowId).outputs;
  }
  return outputs && { contentType: "application/octet-stream", body: toBinary(LiteralMapSchema, outputs) };
}

export function readStoredObject(ctx: SandboxContext, ref: ObjectRef): StoredObject | undefined {
  return ref.kind === "deck" ? deck(ctx, ref) : offloadedOutputs(ctx, ref.url);
}
