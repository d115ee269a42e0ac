// Named entities (a name's description and archive state) and description entities.
import { create, fromBinary } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { NamedEntityListSchema, NamedEntitySchema, NamedEntityUpdateResponseSchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { DescriptionEntityListSchema, DescriptionEntitySchema } from "@/lib/gen/flyteidl/admin/description_entity_pb";
import type { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import {
  getDescriptionEntity,
  getNamedEntity,
  listDescriptionEntities,
  listNamedEntities,
  putNamedEntityMetadata,
  TABLE_OF,
  type NamedEntityRow,
} from "../store/entities";
import type { SandboxContext } from "./context";
import { invalidArgument, notFound, requireFields, requireLimit } from "./errors";
import { formatIdentifier } from "./lookups";

function toNamedEntity(resourceType: ResourceType, row: NamedEntityRow) {
  return create(NamedEntitySchema, {
    resourceType,
    id: { project: row.project, domain: row.domain, name: row.name },
    metadata: { description: row.description, state: row.state },
  });
}

function checkType(resourceType: ResourceType): void {
  if (!TABLE_OF[resourceType]) throw invalidArgument(`unsupported resource type ${resourceType} for named entities`);
}

export function namedEntityService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    listNamedEntities(req) {
      checkType(req.resourceType);
      requireFields("list named entities request", { project: req.project, domain: req.domain });
      requireLimit(req.limit);
      const { entities, token } = listNamedEntities(ctx.db, req.resourceType, {
        project: req.project,
        domain: req.domain,
        filters: req.filters,
        sort: req.sortBy,
        limit: req.limit,
        token: req.token,
      });
      return create(NamedEntityListSchema, { entities: entities.map((e) => toNamedEntity(req.resourceType, e)), token });
    },

    getNamedEntity(req) {
      checkType(req.resourceType);
      requireFields("named entity id", { project: req.id?.project, domain: req.id?.domain, name: req.id?.name });
      const row = getNamedEntity(ctx.db, req.resourceType, req.id!.project, req.id!.domain, req.id!.name);
      if (!row) throw notFound(`named entity ${req.id!.project}/${req.id!.domain}/${req.id!.name} not found`);
      return toNamedEntity(req.resourceType, row);
    },

    updateNamedEntity(req) {
      checkType(req.resourceType);
      requireFields("named entity id", { project: req.id?.project, domain: req.id?.domain, name: req.id?.name });
      const row = getNamedEntity(ctx.db, req.resourceType, req.id!.project, req.id!.domain, req.id!.name);
      if (!row) throw notFound(`named entity ${req.id!.project}/${req.id!.domain}/${req.id!.name} not found`);
      putNamedEntityMetadata(ctx.db, req.resourceType, {
        ...row,
        state: req.metadata?.state ?? row.state,
        description: req.metadata?.description ?? row.description,
      });
      return create(NamedEntityUpdateResponseSchema);
    },

    getDescriptionEntity(req) {
      requireFields("description entity id", { project: req.id?.project, domain: req.id?.domain, name: req.id?.name, version: req.id?.version });
      const message = getDescriptionEntity(ctx.db, req.id!.resourceType, req.id!);
      if (!message) throw notFound(`description entity ${formatIdentifier(req.id)} not found`);
      return fromBinary(DescriptionEntitySchema, message);
    },

    listDescriptionEntities(req) {
      requireFields("list description entities request", { project: req.id?.project, domain: req.id?.domain });
      requireLimit(req.limit);
      const { rows, token } = listDescriptionEntities(ctx.db, req.resourceType, {
        project: req.id!.project,
        domain: req.id!.domain,
        name: req.id!.name,
        filters: req.filters,
        sort: req.sortBy,
        limit: req.limit,
        token: req.token,
      });
      return create(DescriptionEntityListSchema, { descriptionEntities: rows.map((r) => fromBinary(DescriptionEntitySchema, r)), token });
    },
  };
}
