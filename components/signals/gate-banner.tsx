"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { waitingGates } from "@/lib/flyte/actions/gates";
import { workflowPhase } from "@/lib/flyte/phases";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useExecutionClosure } from "@/lib/query/workflows";

/**
 * "N nodes waiting for input" while approve or signal gates wait, with a button to the first one.
 * A link naming a signal (`?signal=<id>`) opens its gate node once, so the prefilled value is in view.
 */
export function GateBanner({
  execution,
  nodes,
  selectedNodeId,
  onShowNode,
}: {
  execution: Execution;
  nodes: ReadonlyMap<string, NodeExecution>;
  selectedNodeId?: string;
  onShowNode(nodeId: string): void;
}) {
  const closure = useExecutionClosure(execution.closure?.workflowId);
  const running = !workflowPhase(execution.closure?.phase ?? 0).isTerminal;
  const waiting = useMemo(() => (running ? waitingGates(closure, nodes.values()) : []), [running, closure, nodes]);
  const params = useSearchParams();
  const linkedSignal = params.get("signal");
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !linkedSignal || selectedNodeId) return;
    const gate = waiting.find((w) => w.gate.signalId === linkedSignal);
    if (gate) {
      opened.current = true;
      onShowNode(gate.nodeId);
    }
  }, [linkedSignal, selectedNodeId, waiting, onShowNode]);

  if (waiting.length === 0) return null;
  const first = waiting[0];
  const n = waiting.length;
  return (
    <Banner
      tone="warning"
      testId="gate-banner"
      title={`${n} ${n === 1 ? "node" : "nodes"} waiting for input`}
      action={
        first.nodeId !== selectedNodeId ? (
          <Button onClick={() => onShowNode(first.nodeId)} data-testid="gate-banner-open">
            Review {first.nodeId}
          </Button>
        ) : undefined
      }
    >
      <ul className="flex flex-wrap gap-x-3 text-xs" data-count={n}>
        {waiting.map((w) => (
          <li key={w.nodeId} data-node-id={w.nodeId} data-gate-kind={w.gate.kind}>
            <span className="font-mono">{w.nodeId}</span>: {w.gate.kind === "approve" ? "approval" : "a value"} for{" "}
            <span className="font-mono">{w.gate.signalId}</span>
          </li>
        ))}
      </ul>
    </Banner>
  );
}
