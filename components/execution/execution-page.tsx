"use client";

import { Code, ConnectError } from "@connectrpc/connect";
import { HydrationBoundary } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import type { WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import type { Layout } from "@/lib/flyte/graph/layout";
import type { LogOwner } from "@/lib/flyte/logs/protocol";
import { failingNodeId } from "@/lib/flyte/node-executions";
import { workflowPhase } from "@/lib/flyte/phases";
import type { ExecutionPreload } from "@/lib/query/execution-preload";
import { useExecution } from "@/lib/query/use-execution";
import { useExecutionPreload } from "@/lib/query/use-execution-preload";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { scopeCrumbs } from "@/components/projects/sections";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { useEscapeLayer } from "@/components/ui/use-escape-layer";
import { ExecutionHeader } from "./execution-header";
import type { PanelTab } from "./node-panel";
import { useLiveExecution } from "@/lib/query/use-live-execution";
import { useNodeNames } from "@/lib/query/use-node-names";
import { useUrlState } from "./use-url-state";

// The graph (React Flow and d3) is a chunk of its own, requested as soon as this module runs, so it
// downloads alongside the execution's data instead of holding up the page's first render.
// The server renders the header only (ssr: false below): laying out a graph or listing its nodes there
// would hold the HTML back, and the browser lays out while its stream connects.
const loadGraphTab = () => import("./graph-tab").then((m) => m.GraphTab);
if (typeof window !== "undefined") void loadGraphTab();
const GraphTab = dynamic(loadGraphTab, { ssr: false, loading: () => <LoadingRows rows={4} label="Loading the workflow graph" /> });
// Loaded when first shown, not with the page: the graph is what a visit needs first.
const NodePanel = dynamic(() => import("./node-panel").then((m) => m.NodePanel), { ssr: false, loading: () => <PanelLoading /> });
const NodesTab = dynamic(() => import("./nodes-tab").then((m) => m.NodesTab), { ssr: false, loading: () => <LoadingRows rows={6} label="Loading nodes" /> });
const TimelineTab = dynamic(() => import("./timeline-tab").then((m) => m.TimelineTab), { ssr: false, loading: () => <LoadingRows rows={6} label="Loading the timeline" /> });
const ExecutionData = dynamic(() => import("@/components/executions/execution-data").then((m) => m.ExecutionData), { ssr: false, loading: () => <LoadingRows rows={3} label="Loading inputs and outputs" /> });
const LogDrawer = dynamic(() => import("./log-drawer").then((m) => m.LogDrawer), { ssr: false });

function PanelLoading() {
  return (
    <aside className="w-[28rem] shrink-0 border-l border-slate-200 p-4">
      <LoadingRows rows={3} label="Loading the node" />
    </aside>
  );
}

const TABS = [
  { id: "graph", label: "Graph" },
  { id: "nodes", label: "Nodes" },
  { id: "timeline", label: "Timeline" },
  { id: "io", label: "Inputs & outputs" },
] as const;
type Tab = (typeof TABS)[number]["id"];

type ExecutionRef = { project: string; domain: string; name: string };

const crumbsOf = ({ project, domain, name }: ExecutionRef) => [...scopeCrumbs(project, domain), { label: name }];

function NotFound(id: ExecutionRef) {
  return (
    <EmptyState title={`Execution ${id.name} was not found`} testId="execution-not-found">
      It may belong to another project or domain, or the link is mistyped.
    </EmptyState>
  );
}

/**
 * `preload`: what the server fetched while rendering the route (lib/admin's loadExecutionPreload). With it
 * the page starts with the execution, its workflow and the live snapshot in hand, and its header is in the HTML.
 */
export function ExecutionPage({ preload, ...id }: ExecutionRef & { preload?: ExecutionPreload }) {
  const start = useExecutionPreload(preload, id.project, id.domain, id.name);
  if (start.notFound) {
    return (
      <section className="space-y-4">
        <Breadcrumbs items={crumbsOf(id)} />
        <NotFound {...id} />
      </section>
    );
  }
  return (
    <HydrationBoundary state={start.cache}>
      <ExecutionView {...id} snapshot={start.snapshot} renderedAt={start.renderedAt} layout={start.layout} />
    </HydrationBoundary>
  );
}

function ExecutionView({ project, domain, name, snapshot, renderedAt, layout }: ExecutionRef & { snapshot?: WatchExecutionResponse; renderedAt?: number; layout?: Layout }) {
  const [params, setParams] = useUrlState();
  const tab = (TABS.find((t) => t.id === params.get("tab"))?.id ?? "graph") as Tab;
  const selectedNodeId = params.get("node") ?? undefined;
  const panelTab = (params.get("panel") as PanelTab | null) ?? "attempts";
  const attemptParam = params.get("attempt");
  const attempt = attemptParam !== null && /^\d+$/.test(attemptParam) ? Number(attemptParam) : undefined;
  const [openLog, setOpenLog] = useState<{ log: TaskLog; running: boolean; owner: LogOwner } | undefined>();

  const first = useExecution({ project, domain, name });
  const live = useLiveExecution(project, domain, name, snapshot);
  const execution = live.execution ?? first.data;
  const failedNode = useMemo(() => failingNodeId(live.nodes.values(), live.parents), [live.nodes, live.parents]);
  const nameOf = useNodeNames(execution);
  const closePanel = () => setParams({ node: undefined, attempt: undefined, panel: undefined });
  // Escape closes the log drawer, then the node panel; not while typing (a signal's value, a log search).
  useEscapeLayer(!!openLog || !!selectedNodeId, () => (openLog ? setOpenLog(undefined) : closePanel()), { keepWhileTyping: true });

  if (!execution) {
    if (first.isPending) return <LoadingRows rows={4} label="Loading execution" />;
    const notFound = ConnectError.from(first.error).code === Code.NotFound;
    return (
      <section className="space-y-4">
        <Breadcrumbs items={crumbsOf({ project, domain, name })} />
        {notFound ? <NotFound project={project} domain={domain} name={name} /> : <QueryError error={first.error} retry={() => void first.refetch()} />}
      </section>
    );
  }

  const running = !workflowPhase(execution.closure?.phase ?? 0).isTerminal;
  const selectNode = (nodeId: string | undefined) => setParams({ node: nodeId, attempt: undefined });
  const selected = selectedNodeId ? live.nodes.get(selectedNodeId) : undefined;

  return (
    <div className="flex h-[calc(100vh-7rem)] min-h-[32rem] flex-col gap-3" data-testid="execution-page">
      <ExecutionHeader execution={execution} renderedAt={renderedAt} status={live.status} liveError={live.error} retryAt={live.retryAt} failedNodeId={failedNode} onShowNode={(id) => selectNode(id)} nodes={live.nodes} selectedNodeId={selectedNodeId} />
      <nav role="tablist" aria-label="Execution views" className="flex gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            data-testid={`tab-${t.id}`}
            onClick={() => setParams({ tab: t.id === "graph" ? undefined : t.id })}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === t.id ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </button>
        ))}
        <span className="ml-auto self-center text-xs text-slate-500">{live.nodes.size.toLocaleString("en")} node executions</span>
      </nav>
      <div className="flex min-h-0 flex-1 overflow-hidden rounded-lg border border-slate-200 bg-white">
        <div className="min-w-0 flex-1 p-2" role="tabpanel">
          {tab === "graph" ? (
            <GraphTab execution={execution} preloadedLayout={layout} nodes={live.nodes} parents={live.parents} selectedNodeId={selectedNodeId} onSelectNode={selectNode} />
          ) : tab === "nodes" ? (
            <NodesTab nodes={live.nodes} parents={live.parents} nameOf={nameOf} running={running} selectedNodeId={selectedNodeId} onSelectNode={selectNode} />
          ) : tab === "timeline" ? (
            <TimelineTab nodes={live.nodes} parents={live.parents} nameOf={nameOf} running={running} selectedNodeId={selectedNodeId} onSelectNode={selectNode} workflowId={execution.closure?.workflowId} />
          ) : (
            <div className="h-full overflow-auto p-2">
              <ExecutionData id={{ project, domain, name }} workflowId={execution.closure?.workflowId} ended={!running} />
            </div>
          )}
        </div>
        {selected ? (
          <NodePanel
            key={selected.id?.nodeId}
            nodeExecution={selected}
            name={nameOf(selected)}
            tab={panelTab}
            attempt={attempt}
            onChange={(c) => setParams({ ...(c.panel ? { panel: c.panel } : {}), ...(c.attempt !== undefined ? { attempt: String(c.attempt) } : {}) })}
            onClose={closePanel}
            onOpenLog={(log, isRunning, attemptNo) =>
              setOpenLog({ log, running: isRunning, owner: { project, domain, execution: name, nodeId: selected.id?.nodeId ?? "", attempt: attemptNo } })
            }
          />
        ) : null}
      </div>
      {openLog ? <LogDrawer log={openLog.log} running={openLog.running} owner={openLog.owner} onClose={() => setOpenLog(undefined)} /> : null}
    </div>
  );
}
