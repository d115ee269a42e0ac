// Console URLs as other Flyte components print them (flytekit's FlyteRemote, FlyteAdmin's task pods),
// spelled exactly their way; parseConsolePath opens them.
import { entityKindOf, type ExecutionIdLike, type IdentifierLike, type NodeExecutionIdLike } from "./ids";

/**
 * Exactly what flytekit's `FlyteRemote.generate_console_http_domain` returns when no console endpoint
 * is configured: the admin endpoint with http for insecure connections.
 */
export function flytekitConsoleHttpDomain(platform: {
  endpoint: string;
  insecure?: boolean;
  consoleEndpoint?: string;
}): string {
  if (platform.consoleEndpoint) return platform.consoleEndpoint;
  return `${platform.insecure ? "http" : "https"}://${platform.endpoint}`;
}

/**
 * Exactly the URL flytekit's `FlyteRemote.generate_console_url` prints: executions by id, entities as
 * singular `{workflow,task,launch_plan}/:name/version/:version` (any other resource type as
 * "workflow"). flytekit does not percent-encode, so neither does this.
 */
export function flytekitConsoleUrl(
  entity: ExecutionIdLike | IdentifierLike,
  consoleHttpDomain: string,
): string {
  const base = `${consoleHttpDomain}/console/projects/${entity.project}/domains/${entity.domain}`;
  if (!("resourceType" in entity)) return `${base}/executions/${entity.name}`;
  const kind = entityKindOf(entity.resourceType);
  const rt = kind === "task" || kind === "launch_plan" ? kind : "workflow";
  return `${base}/${rt}/${entity.name}/version/${entity.version}`;
}

/**
 * Exactly FlyteAdmin's FLYTE_EXECUTION_URL (set in every task pod): the configured console URL with
 * trailing slashes removed, then …/executions/:name/nodeId/:uniqueNodeId/nodes.
 */
export function flyteAdminExecutionUrl(consoleUrl: string, id: NodeExecutionIdLike): string {
  const e = id.executionId;
  const base = consoleUrl.replace(/\/+$/, "");
  return `${base}/projects/${e?.project ?? ""}/domains/${e?.domain ?? ""}/executions/${e?.name ?? ""}/nodeId/${id.nodeId}/nodes`;
}
