"use client";

// A workflow, task or launch plan: the latest version (or the one in the URL) with its interface,
// description, graph/template/schedule, its runs, and every version.
import { Code, ConnectError } from "@connectrpc/connect";
import { Link } from "@/components/ui/link";
import { useMemo } from "react";
import type { EntityKind } from "@/lib/flyte/ids";
import { launchPlanInterfaceRows, taskInterfaceRows, workflowInterfaceRows } from "@/lib/flyte/entities/interface";
import { formatTimestampUtc, timestampMs } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import { useEntityDescription, useEntityVersion, useEntityVersions, useNamedEntity } from "@/lib/query/use-entity";
import { SECTION_LABELS, scopeCrumbs } from "@/components/projects/sections";
import { useRememberProjectDomain } from "@/components/projects/last-project";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { Card } from "./card";
import { EntityExecutions } from "./entity-executions";
import { entityLaunchHref, KIND_LABEL } from "./entity-list-page";
import { InterfaceCard } from "./interface-card";
import { LaunchPlanCard } from "./launch-plan-card";
import { TaskTemplateCard } from "./task-template-card";
import { VersionsCard } from "./versions-card";
import { WorkflowGraphCard } from "./workflow-graph-card";

const KIND_BADGE: Record<EntityKind, string> = {
  workflow: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  task: "bg-sky-50 text-sky-800 ring-sky-200",
  launch_plan: "bg-violet-50 text-violet-800 ring-violet-200",
};

export function EntityPage({ kind, project, domain, name, version }: { kind: EntityKind; project: string; domain: string; name: string; version?: string }) {
  useRememberProjectDomain(project, domain);
  const versions = useEntityVersions(kind, project, domain, name);
  const shown = version ?? versions.rows[0]?.version;
  const entity = useEntityVersion(kind, project, domain, name, shown);
  const named = useNamedEntity(kind, project, domain, name);
  const described = useEntityDescription(kind, project, domain, name, shown);

  const rows = useMemo(() => {
    if (kind === "workflow") return entity.workflow ? workflowInterfaceRows(entity.workflow, entity.defaultLaunchPlan) : undefined;
    if (kind === "task") return entity.task ? taskInterfaceRows(entity.task) : undefined;
    return entity.launchPlan ? launchPlanInterfaceRows(entity.launchPlan) : undefined;
  }, [kind, entity.workflow, entity.task, entity.launchPlan, entity.defaultLaunchPlan]);

  const summary =
    named.data?.metadata?.description ||
    entity.workflow?.shortDescription ||
    entity.task?.shortDescription ||
    described.data?.shortDescription ||
    "";
  const long = described.data?.longDescription?.content;
  const longText = long?.case === "value" ? long.value : "";
  const createdMs = timestampMs((entity.workflow ?? entity.task ?? entity.launchPlan)?.closure?.createdAt);
  const isLatest = shown !== undefined && shown === versions.rows[0]?.version;
  const listHref = consolePath({ page: "entities", kind, project, domain });

  const missing = !version && !versions.isPending && !versions.error && versions.rows.length === 0;
  const versionMissing = !!entity.error && ConnectError.from(entity.error).code === Code.NotFound;

  const crumbs = [
    ...scopeCrumbs(project, domain),
    { label: SECTION_LABELS[kind], href: listHref },
    ...(version ? [{ label: name, href: consolePath({ page: "entity", kind, project, domain, name }) }, { label: version }] : [{ label: name }]),
  ];


  return (
    <article className="space-y-5" data-testid="entity-page" data-kind={kind} data-entity-name={name} data-version={shown ?? ""}>
      <Breadcrumbs items={crumbs} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <div className="flex items-center gap-2">
            <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide ring-1 ring-inset ${KIND_BADGE[kind]}`}>{KIND_LABEL[kind]}</span>
            {version ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">version page</span> : null}
          </div>
          <h1 className="break-all font-mono text-xl font-semibold text-slate-900" data-testid="entity-name">
            {name}
          </h1>
          {summary ? <p className="text-sm text-slate-600" data-testid="entity-description">{summary}</p> : null}
          {shown ? (
            <p className="text-xs text-slate-500" data-testid="entity-version">
              Version <span className="font-mono text-slate-800">{shown}</span>
              {isLatest ? " (latest)" : versions.rows.length ? " · not the latest" : ""}
              {createdMs ? ` · registered ${formatTimestampUtc(createdMs)}` : ""}
            </p>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {version && !isLatest ? (
            <Link href={consolePath({ page: "entity", kind, project, domain, name })} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Latest version
            </Link>
          ) : null}
          {missing || versionMissing ? null : (
          <Link
            href={entityLaunchHref(kind, project, domain, name, version)}
            data-testid="launch-button"
            className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="currentColor">
              <path d="M4 2.5v11l9-5.5-9-5.5Z" />
            </svg>
            Launch
          </Link>
          )}
        </div>
      </header>

      {missing ? (
        <EmptyState title={`No ${KIND_LABEL[kind].toLowerCase()} named “${name}” in ${project}/${domain}`} testId="entity-not-found">
          <Link href={listHref} className="text-indigo-700 hover:underline">
            See every {KIND_LABEL[kind].toLowerCase()}
          </Link>
        </EmptyState>
      ) : versions.error && !version ? (
        <QueryError error={versions.error} retry={versions.refetch} />
      ) : (
        <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-5">
            {versionMissing ? (
              <EmptyState title={`Version “${version}” of ${name} does not exist`} testId="entity-not-found">
                Pick one of the versions on the right.
              </EmptyState>
            ) : entity.error ? (
              <QueryError error={entity.error} retry={entity.refetch} />
            ) : entity.isPending ? (
              <LoadingRows rows={6} label={`Loading the ${KIND_LABEL[kind].toLowerCase()}`} />
            ) : (
              <>
                {kind === "workflow" && entity.workflow ? <WorkflowGraphCard workflow={entity.workflow} /> : null}
                {kind === "task" && entity.task ? <TaskTemplateCard task={entity.task} /> : null}
                {kind === "launch_plan" && entity.launchPlan ? <LaunchPlanCard launchPlan={entity.launchPlan} /> : null}
                {rows ? (
                  <InterfaceCard
                    rows={rows}
                    note={kind === "workflow" && !entity.defaultsPending && !entity.defaultLaunchPlan ? "No default launch plan for this version: defaults are not known." : undefined}
                  />
                ) : null}
                {longText ? (
                  <Card title="Description" testId="entity-long-description">
                    <p className="whitespace-pre-wrap text-sm text-slate-700">{longText}</p>
                  </Card>
                ) : null}
              </>
            )}
            <EntityExecutions kind={kind} project={project} domain={domain} name={name} version={version} />
          </div>
          <aside className="space-y-5">
            <VersionsCard kind={kind} project={project} domain={domain} name={name} current={shown} versions={versions} />
          </aside>
        </div>
      )}
    </article>
  );
}
