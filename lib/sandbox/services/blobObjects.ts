// What the files the simulated tasks "wrote" hold: the sandbox keeps no blob store, so a single-file blob
// under its pretend bucket (literal-gen's DATA_PREFIX) answers content made from its URI, the same on every
// read, typed by its extension. Directories (multipart blobs, dataset prefixes) are no one object, as in a
// real bucket.
import { DATA_PREFIX } from "../executor/literal-gen";
import { seededStream } from "../executor/ids";

export interface BlobContent {
  contentType: string;
  body: Uint8Array;
}

const WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "garnet", "harbor"];

function csv(uri: string): string {
  const rng = seededStream(uri);
  const rows = ["id,name,value"];
  for (let i = 1; i <= 5; i++) rows.push(`${i},${WORDS[Math.floor(rng() * WORDS.length)]},${(rng() * 100).toFixed(2)}`);
  return `${rows.join("\n")}\n`;
}

export function blobContent(uri: string): BlobContent | undefined {
  if (!uri.startsWith(`${DATA_PREFIX}/`) || uri.endsWith("/")) return undefined;
  const ext = /\.([a-z0-9]+)$/.exec(uri)?.[1] ?? "";
  const text = (body: string, type = "text/plain") => ({ contentType: `${type}; charset=utf-8`, body: new TextEncoder().encode(body) });
  // Text formats as text/plain, so a browser shows them rather than saving them.
  if (ext === "csv") return text(csv(uri));
  if (ext === "json") return text(`${JSON.stringify({ source: uri, rows: 5 }, null, 2)}\n`, "application/json");
  if (ext === "txt" || ext === "md" || ext === "") return text(`Written by a simulated task of the Flyte sandbox.\n${uri}\n`);
  return { contentType: "application/octet-stream", body: new TextEncoder().encode(`sandbox object ${uri}\n`) };
}
