// Data FlyteAdmin answers by reference only. With signed URLs on (remoteData.signedUrls), GetNodeExecutionData
// leaves full_inputs/full_outputs empty when the data is remoteData.maxSizeInBytes (2 MiB) or more and gives a
// UrlBlob instead: a signed URL to the stored LiteralMap and its size (flyteadmin/pkg/manager/impl/util/data.go).
import type { NodeExecutionGetDataResponse } from "@/lib/gen/flyteidl/admin/node_execution_pb";

export interface OffloadedData {
  /** A signed URL to the LiteralMap (or, from older or differently set up FlyteAdmins, its storage URI). */
  url: string;
  bytes: bigint;
}

/** The URL and size of a node's inputs or outputs that FlyteAdmin did not inline, or undefined when it did (or there are none). */
export function offloadedNodeData(data: NodeExecutionGetDataResponse | undefined, which: "inputs" | "outputs"): OffloadedData | undefined {
  const map = which === "inputs" ? data?.fullInputs : data?.fullOutputs;
  const blob = which === "inputs" ? data?.inputs : data?.outputs;
  if (map && Object.keys(map.literals).length > 0) return undefined;
  // An empty LiteralMap is 0 bytes: nothing was left out.
  if (!blob?.url || blob.bytes <= 0n) return undefined;
  return { url: blob.url, bytes: blob.bytes };
}

/** Whether `url` can be fetched as it is (a signed link), rather than a storage URI (s3://, gs://) that DataProxy must sign first. */
export function isFetchableUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** The origin of a URL, for messages; the URL itself when it has none. */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
