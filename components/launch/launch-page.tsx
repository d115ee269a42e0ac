"use client";
// The launch page: works out what is launched (a launch plan, a workflow's default launch plan, a
// task, or a copy of an execution), loads its interface and hands it to the form.
import { Code, ConnectError } from "@connectrpc/connect";
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { ResourceType, type Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { launchPlanInterface, taskInterface } from "@/lib/flyte/launch/launch-inputs";
import { launchOptionsFromSpec } from "@/lib/flyte/launch/launch-options";
import { launchPath, type LaunchTarget } from "@/lib/flyte/launch-urls";
import { launchPlanOfWorkflow } from "@/lib/flyte/entities/entity-filters";
import { consolePath, executionPath } from "@/lib/flyte/urls";
import {
  entityGetRequest,
  objectGetRequest,
  useExecutionData,
  useLaunchTarget,
  useLaunchVersions,
  useWorkflowLaunchPlans,
  type LaunchKind,
} from "@/lib/query/launch";
import { scopeCrumbs } from "@/components/projects/sections";
import { useExecution } from "@/lib/query/use-execution";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { Banner } from "@/components/ui/banner";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { LaunchForm } from "./launch-form";
import { LaunchPlanPicker } from "./launch-plan-picker";
import { VersionPicker } from "./version-picker";

const KIND_LABEL: Record<LaunchKind, string> = { launchPlan: "launch plan", workflow: "workflow", task: "task" };

const ENTITY_KIND = { launchPlan: "launch_plan", workflow: "workflow", task: "task" } as const;

function KindChip({ kind }: { kind: LaunchKind }) {
  return (
    <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 align-middle text-[11px] font-semibold uppercase tracking-wide text-slate-600" data-testid="launch-kind">
      {KIND_LABEL[kind]}
    </span>
  );
}

export function LaunchPage({ project, domain, target }: { project: string; domain: string; target: LaunchTarget | undefined }) {
  const crumbs: Crumb[] = scopeCrumbs(project, domain);
  if (!target) {
    return (
      <Shell crumbs={[...crumbs, { label: "Launch" }]} title="Launch">
        <EmptyState title="Nothing to launch" testId="launch-no-target">
          Open this page from a launch plan, workflow or task, or add <span className="font-mono">?launchPlan=&lt;name&gt;</span>,{" "}
          <span className="font-mono">?workflow=</span>, <span className="font-mono">?task=</span> or{" "}
          <span className="font-mono">?relaunch=&lt;execution&gt;</span> to the address.
        </EmptyState>
      </Shell>
    );
  }
  if ("relaunch" in target) return <Relaunch project={project} domain={domain} name={target.relaunch} crumbs={crumbs} />;
  const kind: LaunchKind = "launchPlan" in target ? "launchPlan" : "workflow" in target ? "workflow" : "task";
  const name = "launchPlan" in target ? target.launchPlan : "workflow" in target ? target.workflow : target.task;
  const plan = "workflow" in target ? target.plan : undefined;
  return <EntityLaunch project={project} domain={domain} kind={kind} name={name} version={target.version} plan={plan} crumbs={crumbs} />;
}

type Crumb = { label: string; href?: string };

function Shell({ crumbs, title, subtitle, aside, children }: { crumbs: Crumb[]; title: ReactNode; subtitle?: ReactNode; aside?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-4xl space-y-5" data-testid="launch-page">
      <Breadcrumbs items={crumbs} />
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {subtitle ? <div className="mt-1 text-sm text-slate-600">{subtitle}</div> : null}
        </div>
        {aside}
      </header>
      {children}
    </div>
  );
}

function EntityLaunch({
  project,
  domain,
  kind,
  name,
  version,
  plan,
  crumbs,
}: {
  project: string;
  domain: string;
  kind: LaunchKind;
  name: string;
  version?: string;
  /** A workflow's launch plan other than its default one (which shares the workflow's name). */
  plan?: string;
  crumbs: Crumb[];
}) {
  const router = useRouter();
  const versions = useLaunchVersions(kind, project, domain, name);
  const chosen = version ?? versions.data?.[0];
  const isTask = kind === "task";
  // A workflow's launch plans for the chosen version; a plan other than the default comes from this list whole.
  const plans = useWorkflowLaunchPlans(project, domain, name, kind === "workflow" ? chosen : undefined);
  const planChoices = (plans.data?.launchPlans ?? []).filter(launchPlanOfWorkflow(name, chosen ?? ""));
  const otherPlan = kind === "workflow" && plan && plan !== name ? plan : undefined;
  const viaPlan = otherPlan ? planChoices.find((p) => p.id?.name === otherPlan) : undefined;
  const { launchPlan: lp, task } = useLaunchTarget(entityGetRequest(isTask ? "task" : "launch_plan", project, domain, name, chosen ?? ""), isTask, !!chosen && !otherPlan);
  const entity = isTask ? task : lp;
  const go = (v: string | undefined, p: string | undefined) =>
    router.replace(launchPath({ project, domain, ...(kind === "launchPlan" ? { launchPlan: name } : kind === "workflow" ? { workflow: name, plan: p } : { task: name }), version: v }));

  const picker = (
    <div className="flex flex-col items-end gap-2">
      <VersionPicker versions={versions.data ?? []} value={chosen} loading={versions.isPending} onChange={(v) => go(v, undefined)} />
      {kind === "workflow" ? (
        <LaunchPlanPicker
          names={planChoices.map((p) => p.id?.name ?? "")}
          defaultName={name}
          value={otherPlan ?? name}
          loading={!!chosen && plans.isPending}
          onChange={(p) => go(chosen, p === name ? undefined : p)}
        />
      ) : null}
    </div>
  );
  const shell = (children: ReactNode) => (
    <Shell
      crumbs={[...crumbs, { label: name, href: consolePath({ page: "entity", kind: ENTITY_KIND[kind], project, domain, name }) }, { label: "Launch" }]}
      title={
        <>
          <KindChip kind={kind} />
          Launch <span className="break-all font-mono">{name}</span>
        </>
      }
      subtitle={
        kind === "workflow" ? (
          otherPlan ? (
            <>
              Runs through its launch plan <span className="font-mono">{otherPlan}</span>.
            </>
          ) : (
            "Runs through the workflow's default launch plan."
          )
        ) : kind === "task" ? (
          "Runs the task on its own, as a one-node workflow."
        ) : undefined
      }
      aside={picker}
    >
      {children}
    </Shell>
  );

  if (versions.error) return shell(<QueryError error={versions.error} retry={() => void versions.refetch()} />);
  if (!versions.isPending && !chosen) {
    return shell(<EmptyState title={`No ${KIND_LABEL[kind]} named ${name} in ${project}/${domain}`} testId="launch-not-found" />);
  }
  if (otherPlan) {
    if (plans.error) return shell(<QueryError error={plans.error} retry={() => void plans.refetch()} />);
    if (!plans.isPending && chosen && !viaPlan) {
      return shell(<EmptyState title={`Version ${chosen} of ${name} has no launch plan named ${otherPlan}`} testId="launch-plan-missing" />);
    }
  }
  if (!otherPlan && entity.error) {
    const notFound = ConnectError.from(entity.error).code === Code.NotFound;
    if (notFound && kind === "workflow") {
      return shell(
        <Banner tone="warning" title="This workflow version has no default launch plan" testId="launch-no-default-lp">
          flytekit registers one named after the workflow ({name}, version {chosen}); register it, or launch another launch plan of this workflow.
        </Banner>,
      );
    }
    return shell(<QueryError error={entity.error} retry={() => void entity.refetch()} />);
  }
  const launchPlan = otherPlan ? viaPlan : lp.data;
  const iface = isTask ? (task.data ? taskInterface(task.data) : undefined) : launchPlan ? launchPlanInterface(launchPlan) : undefined;
  const targetId: Identifier | undefined = isTask ? task.data?.id : launchPlan?.id;
  if (!iface || !targetId) return shell(<LoadingRows label="Loading inputs" rows={4} />);
  return shell(
    <LaunchForm
      key={`${kind}/${targetId.name}/${targetId.version}`}
      project={project}
      domain={domain}
      target={targetId}
      iface={iface}
      cancelHref={consolePath({ page: "executions", project, domain })}
    />,
  );
}

function Relaunch({ project, domain, name, crumbs }: { project: string; domain: string; name: string; crumbs: Crumb[] }) {
  const execution = useExecution({ project, domain, name });
  const data = useExecutionData(project, domain, name);
  const ref = execution.data?.spec?.launchPlan;
  const isTask = ref?.resourceType === ResourceType.TASK;
  const { launchPlan: lp, task } = useLaunchTarget(objectGetRequest(ref), isTask, !!ref);
  const entity = isTask ? task : lp;
  const href = executionPath({ project, domain, name });
  const shell = (children: ReactNode) => (
    <Shell
      crumbs={[...crumbs, { label: name, href }, { label: "Relaunch" }]}
      title={
        <>
          Relaunch <span className="font-mono">{name}</span>
        </>
      }
      subtitle={
        ref ? (
          <>
            Starts a new execution of <span className="font-mono">{ref.name}</span>{" "}
            <span className="font-mono text-slate-500">{ref.version}</span> with this execution&apos;s inputs and options. Change any of them first.
          </>
        ) : undefined
      }
      aside={
        <Link href={href} className="text-sm text-indigo-700 hover:underline">
          Back to the execution
        </Link>
      }
    >
      {children}
    </Shell>
  );
  const error = execution.error ?? data.error ?? entity.error;
  if (error) return shell(<QueryError error={error} retry={() => void Promise.all([execution.refetch(), data.refetch(), entity.refetch()])} />);
  const iface = isTask ? (task.data ? taskInterface(task.data) : undefined) : lp.data ? launchPlanInterface(lp.data) : undefined;
  if (!execution.data?.id || !ref || !data.data || !iface) return shell(<LoadingRows label="Loading the execution" rows={4} />);
  const offloaded = !data.data.fullInputs && Boolean(data.data.inputs?.url);
  return shell(
    <>
      {offloaded ? (
        <Banner tone="warning" title="The original inputs are stored offloaded and were not loaded">
          The form starts from the launch plan&apos;s defaults instead.
        </Banner>
      ) : null}
      <LaunchForm
        project={project}
        domain={domain}
        target={ref}
        iface={iface}
        prefill={data.data.fullInputs}
        initialOptions={launchOptionsFromSpec(execution.data.spec)}
        relaunchOf={execution.data.id}
        cancelHref={href}
      />
    </>,
  );
}
