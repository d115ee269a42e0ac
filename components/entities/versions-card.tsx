"use client";

import { Link } from "@/components/ui/link";
import type { EntityKind } from "@/lib/flyte/ids";
import type { VersionRow } from "@/lib/flyte/entities/versions";
import { consolePath } from "@/lib/flyte/urls";
import { Button } from "@/components/ui/button";
import { LoadingRows, QueryError } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/client-time";
import { useNow } from "@/components/ui/use-now";
import { Card } from "./card";
import type { useEntityVersions } from "@/lib/query/use-entity";

/** Versions, newest first; the one shown is marked. */
export function VersionsCard({
  kind,
  project,
  domain,
  name,
  current,
  versions,
}: {
  kind: EntityKind;
  project: string;
  domain: string;
  name: string;
  current?: string;
  versions: ReturnType<typeof useEntityVersions>;
}) {
  const now = useNow(60_000, true);
  return (
    <Card title="Versions" testId="entity-versions" flush actions={versions.rows.length ? <span className="text-xs text-slate-500">{versions.rows.length}{versions.hasMore ? "+" : ""}</span> : null}>
      {versions.isPending ? (
        <div className="p-4">
          <LoadingRows rows={3} label="Loading versions" />
        </div>
      ) : versions.error ? (
        <div className="p-4">
          <QueryError error={versions.error} retry={versions.refetch} />
        </div>
      ) : versions.rows.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No versions registered.</p>
      ) : (
        <ol className="max-h-96 overflow-auto">
          {versions.rows.map((r: VersionRow, i) => {
            const here = r.version === current;
            return (
              <li key={r.version} data-testid="version-row" data-version={r.version} className={`border-t border-slate-100 first:border-t-0 ${here ? "bg-indigo-50/60" : "hover:bg-slate-50"}`}>
                <Link
                  href={consolePath({ page: "entityVersion", kind, project, domain, name, version: r.version })}
                  aria-current={here ? "page" : undefined}
                  className="flex items-center justify-between gap-3 px-4 py-2"
                >
                  <span className={`min-w-0 truncate font-mono text-sm ${here ? "font-semibold text-indigo-800" : "text-slate-800"}`} title={r.version}>
                    {r.version}
                  </span>
                  <span className="flex shrink-0 items-center gap-1.5 text-xs text-slate-500">
                    {i === 0 ? <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">latest</span> : null}
                    {r.active ? <span className="rounded bg-emerald-100 px-1.5 py-0.5 font-medium text-emerald-800">active</span> : null}
                    <RelativeTime ms={r.createdMs} now={now} />
                  </span>
                </Link>
              </li>
            );
          })}
          {versions.hasMore ? (
            <li className="border-t border-slate-100 p-2 text-center">
              <Button variant="ghost" onClick={versions.loadMore} disabled={versions.loadingMore}>
                {versions.loadingMore ? "Loading…" : "Older versions"}
              </Button>
            </li>
          ) : null}
        </ol>
      )}
    </Card>
  );
}
