"use client";

// Where an execution came from (its parent execution, or the run it recovers or relaunches), always in
// view, and how it runs (cluster, run-as identity, data prefix, parallelism, labels, env vars, versions)
// in a collapsed "Details" section: only what its spec sets.
//
// The runs that recovered or relaunched this one are not listed: FlyteAdmin keeps the reference only inside
// the stored spec, and no ListExecutions filter reaches it (its executions table has no such column).
import { Link } from "@/components/ui/link";
import { useMemo, type ReactNode } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { executionDetails, executionLineage, type ExecutionLineage } from "@/lib/flyte/execution-details";
import { entityPath, executionPath } from "@/lib/flyte/urls";

const LINK = "font-mono text-indigo-700 hover:underline";

function LineageLine({ lineage, scope }: { lineage: ExecutionLineage; scope: { project: string; domain: string } }) {
  const parent = lineage.execution;
  // A parent in another project or domain says where it is.
  const elsewhere = parent.project !== scope.project || parent.domain !== scope.domain;
  const name = (
    <Link className={LINK} href={executionPath(parent, lineage.relation === "child" ? { nodeId: lineage.nodeId } : {})} data-testid="execution-parent-link">
      {elsewhere ? `${parent.project}/${parent.domain}/` : ""}
      {parent.name}
    </Link>
  );
  return (
    <p className="text-sm text-slate-700" data-testid="execution-lineage" data-relation={lineage.relation}>
      {lineage.relation === "child" ? (
        <>
          Child run of {name}, started by its node <span className="font-mono">{lineage.nodeId}</span>
        </>
      ) : (
        <>
          {lineage.relation === "recovered" ? "Recovers" : "Relaunch of"} {name}
        </>
      )}
    </p>
  );
}

function VersionLink({ id, testId }: { id: Identifier; testId: string }) {
  const href = entityPath(id);
  const text = `${id.name} @ ${id.version}`;
  return href ? (
    <Link className={`${LINK} break-all`} href={href} data-testid={testId}>
      {text}
    </Link>
  ) : (
    <span className="break-all font-mono">{text}</span>
  );
}

function Pairs({ pairs, label, testId }: { pairs: [string, string][]; label: string; testId: string }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={label} data-testid={testId}>
      {pairs.map(([k, v]) => (
        <li key={k} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
          {k}={v}
        </li>
      ))}
    </ul>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="contents" data-testid={testId}>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}

export function ExecutionDetails({ execution }: { execution: Execution }) {
  const lineage = useMemo(() => executionLineage(execution), [execution]);
  const d = useMemo(() => executionDetails(execution), [execution]);
  return (
    <div className="space-y-2">
      {lineage ? <LineageLine lineage={lineage} scope={{ project: execution.id?.project ?? "", domain: execution.id?.domain ?? "" }} /> : null}
      <details className="group rounded border border-slate-200 bg-white text-sm" data-testid="execution-details">
        <summary className="cursor-pointer select-none px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
          Details
          <span className="ml-2 font-normal text-slate-500">
            {[...d.facts.filter((f) => f.key === "serviceAccount" || f.key === "cluster").map((f) => `${f.label.toLowerCase()} ${f.value}`), d.labels.length ? `${d.labels.length} label${d.labels.length === 1 ? "" : "s"}` : ""]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </summary>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 border-t border-slate-200 px-3 py-2">
          {d.launchPlan ? (
            <Row label="Launch plan">
              <VersionLink id={d.launchPlan} testId="execution-launch-plan-version" />
            </Row>
          ) : null}
          {d.workflow ? (
            <Row label="Workflow">
              <VersionLink id={d.workflow} testId="execution-workflow-version" />
            </Row>
          ) : null}
          {d.facts.map((f) => (
            <Row key={f.key} label={f.label} testId={`execution-fact-${f.key}`}>
              <span className="break-all font-mono">{f.value}</span>
            </Row>
          ))}
          {d.secrets.length ? (
            <Row label="Secrets">
              <span className="break-all font-mono">{d.secrets.join(", ")}</span>
            </Row>
          ) : null}
          {(
            [
              ["Labels", "Labels", d.labels, "execution-labels"],
              ["Annotations", "Annotations", d.annotations, "execution-annotations"],
              ["Environment", "Environment variables", d.envs, "execution-envs"],
            ] as const
          ).map(([label, name, pairs, testId]) =>
            pairs.length ? (
              <Row key={label} label={label}>
                <Pairs pairs={pairs} label={name} testId={testId} />
              </Row>
            ) : null,
          )}
        </dl>
      </details>
    </div>
  );
}
