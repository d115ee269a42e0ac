// The one ExecutionCreateRequest a launch form sends, and what FlyteAdmin's answer means for it.
import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import {
  ExecutionCreateRequestSchema,
  ExecutionMetadata_ExecutionMode,
  ExecutionMetadataSchema,
  ExecutionSpecSchema,
  type ExecutionCreateRequest,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import type { Identifier, WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { launchOptionsToSpec, type LaunchOptions } from "./launch-options";

export function buildExecutionCreateRequest(args: {
  project: string;
  domain: string;
  name: string;
  /** A launch plan id, or a task id to launch the task on its own (as flytekit does). */
  target: Identifier;
  inputs: LiteralMap;
  options: LaunchOptions;
  /** An edited relaunch: RelaunchExecution cannot change inputs, so it is a CreateExecution that says where it came from. */
  relaunchOf?: WorkflowExecutionIdentifier;
}): ExecutionCreateRequest {
  const { project, domain, name, target, inputs, options, relaunchOf } = args;
  const spec = create(ExecutionSpecSchema, launchOptionsToSpec(options));
  spec.launchPlan = target;
  spec.metadata = create(
    ExecutionMetadataSchema,
    relaunchOf
      ? { mode: ExecutionMetadata_ExecutionMode.RELAUNCH, referenceExecution: relaunchOf }
      : { mode: ExecutionMetadata_ExecutionMode.MANUAL },
  );
  return create(ExecutionCreateRequestSchema, { project, domain, name, inputs, spec });
}

export type LaunchFailure = {
  /** The execution with our name exists: an earlier attempt of this same submit created it. */
  alreadyCreated: boolean;
  /** Retrying the same request may succeed (network, unavailable, deadline). */
  retryable: boolean;
  title: string;
  message: string;
};

export function describeLaunchFailure(code: Code | undefined, message: string): LaunchFailure {
  const base = { alreadyCreated: false, retryable: false, message };
  switch (code) {
    case Code.AlreadyExists:
      return { ...base, alreadyCreated: true, title: "Already created" };
    case Code.PermissionDenied:
      return { ...base, title: "Permission denied: you may not launch in this project and domain" };
    case Code.Unauthenticated:
      return { ...base, title: "Not signed in, or the session expired" };
    case Code.InvalidArgument:
    case Code.FailedPrecondition:
      return { ...base, title: "FlyteAdmin refused the launch" };
    case Code.NotFound:
      return { ...base, title: "Not found" };
    case Code.ResourceExhausted:
      return { ...base, retryable: true, title: "Too many requests" };
    case Code.Unavailable:
    case Code.DeadlineExceeded:
    case Code.Unknown:
    case Code.Aborted:
    case Code.Internal:
    case undefined:
      return { ...base, retryable: true, title: "The launch may not have reached FlyteAdmin" };
    default:
      return { ...base, title: "Launch failed" };
  }
}
