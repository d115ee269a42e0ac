"use client";

// What FlyteAdmin's store holds, opened through DataProxyService (via the BFF): a node's Flyte Deck and its
// offloaded inputs and outputs, read through the BFF's allowlisted object reader (GET /api/logs, the one
// the task logs use), and signed links to files the browser opens itself.
import { fromBinary, type MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, LiteralSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ArtifactType, DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { logApiUrl, readLogChunkInfo } from "@/lib/flyte/logs/protocol";
import { isFetchableUrl } from "@/lib/flyte/remote-data";

/** The reader refused or failed to read an object behind a signed link (its HTTP status and words). */
export class ObjectReadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
  ) {
    super(message);
    this.name = "ObjectReadError";
  }
}

/** The whole object behind `url`, read through the BFF's allowlisted reader; an error when it cannot be read whole. */
export async function readThroughConsole(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  const res = await fetch(logApiUrl(url), { cache: "no-store", signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    const message = body.error ?? `The console's reader answered HTTP ${res.status}.`;
    if (res.status === 401) throw new ConnectError(message, Code.Unauthenticated, res.headers);
    throw new ObjectReadError(message, res.status, url);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const info = readLogChunkInfo(res.headers, bytes.length);
  if (info.truncated) {
    throw new ObjectReadError(`It is larger than the ${info.maxBytes ?? "configured"} bytes the console reads (FLYTE_CONSOLE_LOG_MAX_BYTES).`, 413, url);
  }
  if (info.partial) throw new ObjectReadError("The store did not send all of it in time; try again.", 504, url);
  return bytes;
}

function useClients() {
  const transport = useTransport();
  return useMemo(() => ({ admin: createClient(AdminService, transport), dataProxy: createClient(DataProxyService, transport) }), [transport]);
}

type Clients = ReturnType<typeof useClients>;

/** A signed URL to read `uri`: as it is when it already is one, else signed by DataProxy (CreateDownloadLocation). */
async function signedUrlFor(clients: Clients, uri: string, signal?: AbortSignal): Promise<string> {
  if (isFetchableUrl(uri)) return uri;
  return (await clients.dataProxy.createDownloadLocation({ nativeUrl: uri }, { signal })).signedUrl;
}

export interface NodeDeck {
  /** DataProxy's signed link to deck.html (valid for FlyteAdmin's download expiry). */
  url: string;
  html: string;
}

/** A node execution's Flyte Deck: a signed link from CreateDownloadLink (ARTIFACT_TYPE_DECK), read through the console. */
export function useNodeDeck(id: NodeExecutionIdentifier, enabled: boolean) {
  const clients = useClients();
  const e = id.executionId;
  return useQuery({
    queryKey: ["node-deck", e?.org ?? "", e?.project, e?.domain, e?.name, id.nodeId],
    enabled,
    // A signed link expires (an hour by FlyteAdmin's default); a deck is read again well before.
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }): Promise<NodeDeck> => {
      const link = await clients.dataProxy.createDownloadLink({ artifactType: ArtifactType.DECK, source: { case: "nodeExecutionId", value: id } }, { signal });
      const url = link.preSignedUrls?.signedUrl[0] || link.signedUrl[0];
      if (!url) throw new ObjectReadError("FlyteAdmin answered without a signed URL for the deck.", 502, "");
      return { url, html: new TextDecoder().decode(await readThroughConsole(url, signal)) };
    },
  });
}

/** Loads a node's inputs or outputs that FlyteAdmin left out of GetNodeExecutionData for their size. */
export function useLoadOffloadedNodeData(id: NodeExecutionIdentifier, which: "inputs" | "outputs") {
  const clients = useClients();
  return useMutation({
    mutationFn: async (): Promise<LiteralMap> => {
      // Asked again for a fresh signed URL: the one the panel holds may have expired.
      const data = await clients.admin.getNodeExecutionData({ id });
      const inline = which === "inputs" ? data.fullInputs : data.fullOutputs;
      if (inline && Object.keys(inline.literals).length > 0) return inline;
      const uri = (which === "inputs" ? data.inputs : data.outputs)?.url;
      if (!uri) throw new ObjectReadError(`FlyteAdmin gave no URL for the ${which}.`, 404, "");
      return fromBinary(LiteralMapSchema, await readThroughConsole(await signedUrlFor(clients, uri)));
    },
  });
}

/** Reads one offloaded literal (Literal.offloaded_metadata.uri) through DataProxy and the console's reader. */
export function useReadOffloadedLiteral(): (uri: string) => Promise<MessageShape<typeof LiteralSchema>> {
  const clients = useClients();
  return useMemo(() => async (uri: string) => fromBinary(LiteralSchema, await readThroughConsole(await signedUrlFor(clients, uri))), [clients]);
}

export interface DownloadLink {
  url: string;
  /** When the link stops working (epoch ms), if FlyteAdmin said. */
  expiresAtMs?: number;
}

/** A signed link the browser opens itself, for a file (blob) FlyteAdmin's store holds: CreateDownloadLocation. */
export function useDownloadLink(): (uri: string) => Promise<DownloadLink> {
  const clients = useClients();
  return useMemo(
    () => async (uri: string) => {
      const res = await clients.dataProxy.createDownloadLocation({ nativeUrl: uri });
      return { url: res.signedUrl, expiresAtMs: res.expiresAt ? timestampMs(res.expiresAt) : undefined };
    },
    [clients],
  );
}
