// The catalog side of cached tasks: which tasks are cacheable and the catalog key FlyteAdmin shows
// for a hit or a populated entry (dataset flyte_task-<name>, version <discovery version>-<inputs hash>).
import { create, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { CatalogMetadataSchema, type CatalogMetadata } from "@/lib/gen/flyteidl/core/catalog_pb";
import { ResourceType, type TaskExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { NodeCtx } from "./context";
import { fnv1a64 } from "./ids";

export function isCacheable(template: TaskTemplate | undefined): boolean {
  return Boolean(template?.metadata?.discoverable && template.metadata.discoveryVersion);
}

/** A stable hash of a literal map, independent of the order its entries were added in. */
export function inputsHash(inputs: LiteralMap): string {
  const sorted = create(LiteralMapSchema, {
    literals: Object.fromEntries(Object.entries(inputs.literals).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  });
  const bytes = toBinary(LiteralMapSchema, sorted);
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return fnv1a64(text).toString(16).padStart(16, "0");
}

export function cacheKeyMetadata(
  n: NodeCtx,
  template: TaskTemplate,
  inputs: LiteralMap,
  source: MessageInitShape<typeof TaskExecutionIdentifierSchema>,
): CatalogMetadata {
  const id = template.id;
  const hash = inputsHash(inputs);
  return create(CatalogMetadataSchema, {
    datasetId: {
      resourceType: ResourceType.DATASET,
      project: id?.project || n.r.execId.project,
      domain: id?.domain || n.r.execId.domain,
      name: `flyte_task-${id?.name ?? "task"}`,
      version: `${template.metadata?.discoveryVersion ?? ""}-${hash}`,
      org: id?.org ?? "",
    },
    artifactTag: { artifactId: hash, name: `flyte_cached-${hash}` },
    sourceExecution: { case: "sourceTaskExecution", value: source },
  });
}
