// FlyteAdmin's remoteData behaviour with signed URLs on (flyteadmin/pkg/manager/impl/util/data.go): data of
// maxSizeInBytes or more is not read into the response; the caller gets a signed URL to the stored
// LiteralMap and its size (UrlBlob) and fetches it itself. Smaller data comes inline, without a URL.
import { create, toBinary } from "@bufbuild/protobuf";
import { UrlBlobSchema, type UrlBlob } from "@/lib/gen/flyteidl/admin/common_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { SandboxContext } from "./context";
import { signLink } from "./signedLinks";

const SIGNED_URL_MS = 3_600_000;

/** The map as FlyteAdmin's data managers answer it: empty when it is too big to read inline. */
export function inlineData(ctx: SandboxContext, map: LiteralMap | undefined): LiteralMap | undefined {
  return map && toBinary(LiteralMapSchema, map).length >= ctx.config.maxDataBytes ? create(LiteralMapSchema) : map;
}

export function remoteData(ctx: SandboxContext, map: LiteralMap | undefined, nativeUri: string): { full?: LiteralMap; blob?: UrlBlob } {
  if (!map || !nativeUri) return { full: map };
  const bytes = toBinary(LiteralMapSchema, map).length;
  if (bytes < ctx.config.maxDataBytes) return { full: map };
  const url = signLink(ctx, { kind: "url", url: nativeUri }, ctx.now() + SIGNED_URL_MS);
  return { blob: create(UrlBlobSchema, { url, bytes: BigInt(bytes) }) };
}
