// flyte:// data URLs, with the grammar of flyteadmin/pkg/common/flyte_url.go:
//   flyte://v1[/org/<org>]/<project>/<domain>/<execution>/<node>[/<attempt>]/<i|o|d>
//   flyte://v1[/org/<org>]/<project>/<domain>/<execution>/<node>[/<attempt>]/<i|o>/<name>
// Segments are [A-Za-z0-9_-]+; with an attempt the URL names a task execution, else the node's data.

export type FlyteUrlIo = "i" | "o" | "d";

export interface ParsedFlyteUrl {
  org: string;
  project: string;
  domain: string;
  name: string;
  nodeId: string;
  attempt?: number;
  io: FlyteUrlIo;
  /** One input or output by name; "" for the whole literal map. */
  literalName: string;
}

const SEG = "[a-zA-Z0-9_-]+";
const GRAMMAR = new RegExp(
  `^flyte://v1/(?:org/(?<org>${SEG})/)?(?<project>${SEG})/(?<domain>${SEG})/(?<name>${SEG})/(?<node>${SEG})` +
    `(?:/(?<attempt>[0-9]+))?/(?:(?<io>[iod])|(?<named>[io])/(?<literalName>${SEG}))$`,
);

export function parseFlyteUrl(url: string): ParsedFlyteUrl | undefined {
  const g = GRAMMAR.exec(url)?.groups;
  if (!g) return undefined;
  const attempt = g.attempt === undefined ? undefined : Number(g.attempt);
  if (attempt !== undefined && !Number.isSafeInteger(attempt)) return undefined;
  return {
    org: g.org ?? "",
    project: g.project,
    domain: g.domain,
    name: g.name,
    nodeId: g.node,
    attempt,
    io: (g.io ?? g.named) as FlyteUrlIo,
    literalName: g.literalName ?? "",
  };
}
