import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";

export const START_NODE_ID = "start-node";
export const END_NODE_ID = "end-node";

/** Identity of a registered entity; the resource type is left out because references omit or vary it. */
export function identifierKey(id: Identifier | undefined): string {
  if (!id) return "";
  return `${id.org}:${id.project}/${id.domain}/${id.name}@${id.version}`;
}

/** How an identifier reads in an error message: `project/domain/name@version`, empty parts left out. */
export function formatIdentifier(id: Identifier | undefined): string {
  if (!id) return "<unset>";
  const path = [id.project, id.domain, id.name].filter((part) => part !== "").join("/");
  return id.version ? `${path}@${id.version}` : path;
}
