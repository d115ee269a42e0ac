// Test builders for stored resources, with only the fields a test cares about.
import { create } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromMs } from "@bufbuild/protobuf/wkt";
import { ExecutionMetadata_ExecutionMode, ExecutionSchema, ExecutionState, type Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";

export interface ExecutionFields {
  project?: string;
  domain?: string;
  name: string;
  phase?: WorkflowExecution_Phase;
  createdMs?: number;
  durationMs?: number;
  workflow?: string;
  launchPlan?: string;
  mode?: ExecutionMetadata_ExecutionMode;
  user?: string;
  tags?: string[];
  labels?: Record<string, string>;
  archived?: boolean;
}

export function makeExecution(f: ExecutionFields): Execution {
  const project = f.project ?? "flytesnacks";
  const domain = f.domain ?? "development";
  const createdMs = f.createdMs ?? Date.UTC(2024, 4, 1);
  const durationMs = f.durationMs ?? 60_000;
  const wf = { resourceType: ResourceType.WORKFLOW, project, domain, name: f.workflow ?? "core.wf", version: "v1" };
  return create(ExecutionSchema, {
    id: { project, domain, name: f.name },
    spec: {
      launchPlan: { ...wf, resourceType: ResourceType.LAUNCH_PLAN, name: f.launchPlan ?? wf.name },
      metadata: { mode: f.mode ?? ExecutionMetadata_ExecutionMode.MANUAL, principal: f.user ?? "ada" },
      tags: f.tags ?? [],
      labels: { values: f.labels ?? {} },
    },
    closure: {
      phase: f.phase ?? WorkflowExecution_Phase.SUCCEEDED,
      createdAt: timestampFromMs(createdMs),
      startedAt: timestampFromMs(createdMs + 1000),
      updatedAt: timestampFromMs(createdMs + 1000 + durationMs),
      duration: durationFromMs(durationMs),
      workflowId: wf,
      stateChangeDetails: f.archived ? { state: ExecutionState.EXECUTION_ARCHIVED } : undefined,
    },
  });
}
