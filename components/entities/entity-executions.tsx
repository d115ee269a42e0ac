"use client";

// Runs of one entity (or one version of it), newest first, paged upstream.
import { Link } from "@/components/ui/link";
import { useMemo } from "react";
import { entityDashboardQuery, entityExecutionMatches, entityExecutionsExact } from "@/lib/flyte/entities/entity-filters";
import { uniqueExecutions } from "@/lib/flyte/dashboard/rows";
import type { EntityKind } from "@/lib/flyte/ids";
import { consolePath } from "@/lib/flyte/urls";
import { useEntityExecutions } from "@/lib/query/use-entity";
import { ExecutionTable } from "@/components/executions/execution-table";
import { LastRefreshed } from "@/components/ui/last-refreshed";
import { LoadingRows, QueryError } from "@/components/ui/query-state";
import { Card } from "./card";

export function EntityExecutions({ kind, project, domain, name, version }: { kind: EntityKind; project: string; domain: string; name: string; version?: string }) {
  const runs = useEntityExecutions(kind, project, domain, name, version);
  // A name or version FlyteAdmin's filter syntax cannot carry was asked for as a wider set: keep this entity's.
  const exact = entityExecutionsExact(kind, name, version);
  const rows = useMemo(() => {
    const all = uniqueExecutions(runs.data?.pages ?? []);
    return exact ? all : all.filter(entityExecutionMatches(kind, name, version));
  }, [runs.data, exact, kind, name, version]);
  const dashboardQuery = entityDashboardQuery(kind, name, version);
  return (
    <Card
      title={version ? "Executions of this version" : "Executions"}
      testId="entity-executions"
      flush
      actions={
        <>
          {runs.data ? <LastRefreshed at={runs.dataUpdatedAt} /> : null}
          {dashboardQuery ? (
            <Link href={consolePath({ page: "executions", project, domain }, dashboardQuery)} className="text-xs font-medium text-indigo-700 hover:underline">
              Open in the dashboard →
            </Link>
          ) : null}
        </>
      }
    >
      {runs.isPending ? (
        <div className="p-4">
          <LoadingRows rows={3} label="Loading executions" />
        </div>
      ) : runs.isError && !runs.data ? (
        <div className="p-4">
          <QueryError error={runs.error} retry={() => void runs.refetch()} />
        </div>
      ) : rows.length === 0 ? (
        <p className="p-4 text-sm text-slate-500" data-testid="entity-executions-empty">
          No runs {version ? "of this version " : ""}yet.
        </p>
      ) : (
        <ExecutionTable
          executions={rows}
          hasMore={runs.hasNextPage}
          loadingMore={runs.isFetchingNextPage}
          onLoadMore={() => void runs.fetchNextPage()}
          maxHeight="26rem"
          label={`Executions of ${name}`}
        />
      )}
    </Card>
  );
}
