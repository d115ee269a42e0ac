"use client";

import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import Link from "next/link";
import { consolePath } from "@/lib/flyte/urls";
import { executionListRequest, listExecutions } from "@/lib/query/executions";
import { getDomains } from "@/lib/query/projects";
import { Breadcrumbs } from "@/components/shell/app-header";
import { Button } from "@/components/ui/button";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { ExecutionTable } from "./execution-table";

function DomainTabs({ project, domain }: { project: string; domain: string }) {
  const domains = useQuery(getDomains, {});
  if (!domains.data) return null;
  return (
    <nav aria-label="Domains" className="flex gap-1 border-b border-slate-200">
      {domains.data.domains.map((d) => {
        const current = d.id === domain;
        return (
          <Link
            key={d.id}
            href={consolePath({ page: "executions", project, domain: d.id })}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${
              current ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {d.name || d.id}
          </Link>
        );
      })}
    </nav>
  );
}

export function ExecutionsPage({ project, domain }: { project: string; domain: string }) {
  const executions = useInfiniteQuery(listExecutions, executionListRequest(project, domain), {
    pageParamKey: "token",
    getNextPageParam: (last) => last.token || undefined,
    refetchInterval: 10_000,
  });
  const rows = executions.data?.pages.flatMap((p) => p.executions) ?? [];

  return (
    <section data-testid="executions" className="space-y-4">
      <Breadcrumbs
        items={[{ label: "Projects", href: "/console" }, { label: project }, { label: domain }]}
      />
      <h1 className="text-xl font-semibold">Executions</h1>
      <DomainTabs project={project} domain={domain} />
      {executions.isPending ? (
        <LoadingRows label="Loading executions" />
      ) : executions.isError && !executions.data ? (
        <QueryError error={executions.error} retry={() => void executions.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No executions in this domain yet" testId="executions-empty">
          Launch a workflow with <code className="font-mono">pyflyte run --remote</code> and it will show up here.
        </EmptyState>
      ) : (
        <>
          <ExecutionTable executions={rows} />
          {executions.hasNextPage ? (
            <Button onClick={() => void executions.fetchNextPage()} disabled={executions.isFetchingNextPage}>
              {executions.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
