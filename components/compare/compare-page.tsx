"use client";

import { Link } from "@/components/ui/link";
import dynamic from "next/dynamic";
import { useMemo, useState, type ReactNode } from "react";
import { nodeDisplayName } from "@/lib/flyte/closure";
import { buildWorkflowGraph, graphNodeName } from "@/lib/flyte/graph/build";
import { compareNodes, type NodeChange } from "@/lib/flyte/compare/nodes";
import { compareSpecs } from "@/lib/flyte/compare/spec";
import { compareLiteralMaps } from "@/lib/flyte/compare/values";
import { summarizeExecution } from "@/lib/flyte/execution";
import { workflowPhase } from "@/lib/flyte/phases";
import { formatDuration, formatTimestampUtc } from "@/lib/flyte/time";
import { comparePath, consolePath } from "@/lib/flyte/urls";
import { DETAIL_LIMIT, MAX_COMPARED, useComparedRuns, type ComparedRun } from "@/lib/query/compare";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { scopeCrumbs } from "@/components/projects/sections";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { useUrlState } from "@/components/execution/use-url-state";
import { NodeComparisonTable } from "./node-comparison";
import { SpecComparison } from "./spec-comparison";
import { ValueComparison } from "./value-comparison";

// React Flow and the layout: a chunk of their own, fetched alongside the runs' data.
const loadGraph = () => import("./compare-graph").then((m) => m.CompareGraph);
if (typeof window !== "undefined") void loadGraph();
const CompareGraph = dynamic(loadGraph, { ssr: false, loading: () => <LoadingRows rows={3} label="Loading the workflow graph" /> });

function Section({ title, testId, children, note }: { title: string; testId: string; children: ReactNode; note?: ReactNode }) {
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid={testId} aria-label={title}>
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {note ? <span className="text-xs text-slate-500">{note}</span> : null}
      </div>
      {children}
    </section>
  );
}

function RunCard({ run, index, runs, project, domain }: { run: ComparedRun; index: number; runs: readonly string[]; project: string; domain: string }) {
  const others = runs.filter((r) => r !== run.name);
  if (!run.execution) {
    return (
      <li className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="compare-run" data-run={run.name}>
        <div className="font-mono">{run.name}</div>
        {run.error ? <QueryError error={run.error} /> : <LoadingRows rows={1} label={`Loading ${run.name}`} />}
      </li>
    );
  }
  const s = summarizeExecution(run.execution);
  const phase = workflowPhase(s.phase);
  const lp = run.execution.spec?.launchPlan;
  return (
    <li className="min-w-0 space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="compare-run" data-run={run.name} data-phase={phase.name}>
      <div className="flex flex-wrap items-center gap-2">
        <Link href={consolePath({ page: "execution", project, domain, name: run.name })} className="truncate font-mono text-indigo-700 hover:underline">
          {run.name}
        </Link>
        <PhaseBadge phase={phase} />
        {index === 0 ? <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">baseline</span> : null}
      </div>
      <div className="truncate text-xs text-slate-600" title={lp ? `${lp.name} ${lp.version}` : undefined}>
        {lp?.name || "—"}
      </div>
      <div className="text-xs text-slate-600">
        {formatTimestampUtc(s.startedMs ?? s.createdMs)} · {formatDuration(s.durationMs)}
      </div>
      <div className="flex gap-3 text-xs">
        {index > 0 ? (
          <Link className="text-indigo-700 hover:underline" href={comparePath(project, domain, [run.name, ...others])}>
            Make baseline
          </Link>
        ) : null}
        {runs.length > 2 ? (
          <Link className="text-indigo-700 hover:underline" href={comparePath(project, domain, others)}>
            Remove
          </Link>
        ) : null}
      </div>
    </li>
  );
}

export function ComparePage({ project, domain, runs: requested }: { project: string; domain: string; runs: string[] }) {
  const crumbs = [...scopeCrumbs(project, domain), { label: "Compare" }];
  const runs = requested.slice(0, MAX_COMPARED);
  if (runs.length < 2) {
    return (
      <section className="space-y-4">
        <Breadcrumbs items={crumbs} />
        <EmptyState title="Pick two to four runs to compare" testId="compare-empty">
          Select runs in the{" "}
          <Link className="text-indigo-700 hover:underline" href={consolePath({ page: "executions", project, domain })}>
            executions list
          </Link>{" "}
          and choose Compare, or open a run and compare it with the previous run of its launch plan.
        </EmptyState>
      </section>
    );
  }
  return <Comparison project={project} domain={domain} runs={runs} dropped={requested.length - runs.length} crumbs={crumbs} />;
}

type ComparisonProps = { project: string; domain: string; runs: string[]; dropped: number; crumbs: { label: string; href?: string }[] };

function Comparison({ project, domain, runs, dropped, crumbs }: ComparisonProps) {
  const [params, setParams] = useUrlState();
  const selectedId = params.get("node") ?? undefined;
  const [detailNodes, setDetailNodes] = useState<ReadonlySet<string>>(() => new Set());
  const { runs: compared, loading } = useComparedRuns({ project, domain }, runs, detailNodes);
  const base = compared[0];

  const interfaceVars = base.closure?.primary?.template?.interface;
  const allData = compared.every((r) => r.dataLoaded || r.error);
  const inputs = useMemo(() => (allData ? compareLiteralMaps(compared.map((r) => r.inputs), interfaceVars?.inputs?.variables) : []), [allData, compared, interfaceVars]);
  const outputs = useMemo(() => (allData ? compareLiteralMaps(compared.map((r) => r.outputs), interfaceVars?.outputs?.variables) : []), [allData, compared, interfaceVars]);
  const allNodes = compared.every((r) => r.nodes !== undefined || r.error);
  const nodes = useMemo(() => (allNodes ? compareNodes(compared.map((r) => ({ nodes: r.nodes ?? [], parents: r.parents, details: r.details }))) : []), [allNodes, compared]);
  const allClosures = compared.every((r) => r.closure !== undefined || r.error);
  const spec = useMemo(
    () => (allClosures ? compareSpecs(compared.filter((r) => r.execution).map((r) => ({ execution: r.execution!, closure: r.closure }))) : []),
    [allClosures, compared],
  );
  const changes = useMemo(() => new Map<string, readonly NodeChange[]>(nodes.filter((n) => n.changes.length).map((n) => [n.nodeId, n.changes])), [nodes]);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const n of base.closure?.primary?.template?.nodes ?? []) m.set(n.id, nodeDisplayName(n));
    // Nested nodes are named by the graph, which scopes them as FlytePropeller does; built only when there are some.
    if (base.closure && nodes.some((n) => n.path.length > 0)) {
      const graph = buildWorkflowGraph(base.closure);
      for (const n of nodes) if (n.path.length > 0) m.set(n.nodeId, graphNodeName(graph, n.nodeId) ?? n.specNodeId);
    }
    return m;
  }, [base.closure, nodes]);
  const detailsAvailable = compared.every((r) => (r.nodes?.length ?? 0) <= DETAIL_LIMIT + 2);

  const shownIndex = Math.min(Math.max(Number(params.get("phases") ?? 1) || 0, 0), runs.length - 1);
  const shown = compared[shownIndex];
  const ready = !loading && allData && allNodes && allClosures;
  const differences = {
    inputs: inputs.filter((v) => v.differs).length,
    outputs: outputs.filter((v) => v.differs).length,
    nodes: changes.size,
    spec: spec.filter((r) => r.differs).length,
  };

  return (
    <div className="space-y-4" data-testid="compare-page" data-ready={ready} data-runs={runs.join(",")}>
      <Breadcrumbs items={crumbs} />
      <h1 className="text-xl font-semibold">Compare {runs.length} runs</h1>
      {dropped > 0 ? (
        <p className="text-sm text-amber-800" role="note">
          Up to {MAX_COMPARED} runs compare at once: the last {dropped} of the link were left out.
        </p>
      ) : null}
      <ol className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {compared.map((r, i) => (
          <RunCard key={r.name} run={r} index={i} runs={runs} project={project} domain={domain} />
        ))}
      </ol>
      {compared
        .filter((r) => r.execution && r.error)
        .map((r) => (
          <div key={r.name}>
            <p className="mb-1 text-sm text-slate-700">
              Part of <span className="font-mono">{r.name}</span> could not be loaded; what it lacks is left out of the comparison.
            </p>
            <QueryError error={r.error} />
          </div>
        ))}
      {ready ? (
        <p className="text-sm text-slate-700" data-testid="compare-summary" data-inputs={differences.inputs} data-outputs={differences.outputs} data-nodes={differences.nodes} data-spec={differences.spec}>
          Against the baseline: {differences.inputs} input{differences.inputs === 1 ? "" : "s"}, {differences.outputs} output{differences.outputs === 1 ? "" : "s"}, {differences.nodes} node
          {differences.nodes === 1 ? "" : "s"} and {differences.spec} setting{differences.spec === 1 ? "" : "s"} differ.
        </p>
      ) : (
        <p className="text-sm text-slate-500" role="status">
          Loading the runs…
        </p>
      )}
      <Section title="Inputs" testId="compare-inputs-section">
        {allData ? <ValueComparison rows={inputs} runs={runs} label="Inputs" testId="compare-inputs" emptyText="No inputs." /> : <LoadingRows rows={2} label="Loading inputs" />}
      </Section>
      <Section title="Outputs" testId="compare-outputs-section">
        {allData ? <ValueComparison rows={outputs} runs={runs} label="Outputs" testId="compare-outputs" emptyText="No outputs." /> : <LoadingRows rows={2} label="Loading outputs" />}
      </Section>
      <Section title="Spec" testId="compare-spec-section" note="launch plan, workflow version, images, resources, labels and settings">
        <SpecComparison rows={spec} runs={compared.filter((r) => r.execution).map((r) => r.name)} ready={allClosures} />
      </Section>
      <Section
        title="Nodes"
        testId="compare-nodes-section"
        note={detailsAvailable ? "phase, attempts, cache, queued and running time, inputs and result" : "phase, cache, queued and running time; open a node for its attempts, inputs and result"}
      >
        {allNodes ? (
          <NodeComparisonTable
            rows={nodes}
            runs={runs}
            nameOf={(id) => names.get(id)}
            selectedId={selectedId}
            onSelect={(id) => setParams({ node: id === selectedId ? undefined : id })}
            detailsAvailable={detailsAvailable}
            onWantDetails={(id) => setDetailNodes((s) => new Set(s).add(id))}
          />
        ) : (
          <LoadingRows rows={4} label="Loading nodes" />
        )}
      </Section>
      <Section
        title="Graph"
        testId="compare-graph-section"
        note={
          <label className="inline-flex items-center gap-1">
            phases of
            <select className="rounded border border-slate-300 px-1 py-0.5 font-mono text-xs" value={shownIndex} onChange={(e) => setParams({ phases: e.target.value === "1" ? undefined : e.target.value })}>
              {runs.map((r, i) => (
                <option key={r} value={i}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <div className="h-[28rem]">
          {allNodes && base.closure ? (
            <CompareGraph closure={base.closure} nodes={shown.nodes ?? []} parents={shown.parents} changes={changes} shownRun={shown.name} selectedId={selectedId} onSelect={(id) => setParams({ node: id })} />
          ) : (
            <LoadingRows rows={3} label="Loading the workflow graph" />
          )}
        </div>
      </Section>
    </div>
  );
}
