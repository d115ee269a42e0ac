import type { Metadata } from "next";
import { logOwnerFrom, type LogOwner } from "@/lib/flyte/logs/protocol";
import { executionPath } from "@/lib/flyte/urls";
import { scopeCrumbs } from "@/components/projects/sections";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { Link } from "@/components/ui/link";
import { EmptyState } from "@/components/ui/query-state";
import { LogViewer } from "@/components/logs/log-viewer";

// /console/logs?uri=<TaskLog uri>&name=<TaskLog name>[&project=&domain=&execution=&node=&attempt=][&running=1][&line=120]:
// one log, full page, with the task attempt it belongs to when the link names it.
type Search = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function ownerOf(params: Awaited<Search>): LogOwner | undefined {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const one = first(v);
    if (one !== undefined) query.set(k, one);
  }
  return logOwnerFrom(query);
}

export async function generateMetadata({ searchParams }: { searchParams: Search }): Promise<Metadata> {
  const params = await searchParams;
  const name = first(params.name);
  const owner = ownerOf(params);
  return { title: `${name ? `Log: ${name}` : "Log"}${owner ? ` · ${owner.nodeId} · ${owner.execution}` : ""}` };
}

function OwnerLine({ owner }: { owner: LogOwner }) {
  const execution = { project: owner.project, domain: owner.domain, name: owner.execution };
  return (
    <p data-testid="log-owner" className="text-sm text-slate-600">
      {owner.attempt !== undefined ? `Attempt ${owner.attempt + 1} of node ` : "Node "}
      <span className="font-mono text-slate-900">{owner.nodeId}</span>
      {" in execution "}
      <Link className="font-mono text-indigo-700 hover:underline" href={executionPath(execution)}>
        {owner.execution}
      </Link>
      {` (${owner.project}/${owner.domain}) · `}
      <Link data-testid="log-back" className="font-medium text-indigo-700 hover:underline" href={executionPath(execution, { nodeId: owner.nodeId, attempt: owner.attempt })}>
        ← Back to the node
      </Link>
    </p>
  );
}

export default async function Page({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const uri = first(params.uri);
  const name = first(params.name) || "Task log";
  const owner = ownerOf(params);
  if (!uri) {
    return (
      <EmptyState title="No log chosen" testId="log-page-empty">
        Open a log from a task attempt, or add <code>?uri=</code> with a TaskLog URI.
      </EmptyState>
    );
  }
  const crumbs = owner
    ? [
        ...scopeCrumbs(owner.project, owner.domain),
        { label: owner.execution, href: executionPath({ project: owner.project, domain: owner.domain, name: owner.execution }) },
        {
          label: owner.nodeId,
          href: executionPath({ project: owner.project, domain: owner.domain, name: owner.execution }, { nodeId: owner.nodeId, attempt: owner.attempt }),
        },
        { label: "Log" },
      ]
    : undefined;
  return (
    <div className="space-y-3">
      {crumbs ? <Breadcrumbs items={crumbs} /> : null}
      <div className="space-y-1">
        <h1 className="text-lg font-semibold text-slate-900">{name}</h1>
        {owner ? <OwnerLine owner={owner} /> : null}
      </div>
      <LogViewer uri={uri} name={name} running={first(params.running) === "1"} standalone />
    </div>
  );
}
