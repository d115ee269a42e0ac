// Task templates as flytekit registers them: a container running pyflyte-execute (or a raw
// container), resources, retries, cache settings, and `custom.sandbox`, which tells the sandbox's
// simulated executor how to play the task.
import { create, type JsonObject } from "@bufbuild/protobuf";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { VariableMapSchema } from "@/lib/gen/flyteidl/core/interface_pb";
import {
  DataLoadingConfig_LiteralMapFormat,
  Resources_ResourceName,
  RuntimeMetadata_RuntimeType,
  TaskTemplateSchema,
  type TaskTemplate,
} from "@/lib/gen/flyteidl/core/tasks_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";

export const FLYTEKIT_VERSION = "1.13.5";
export const IMAGES = {
  default: `cr.flyte.org/flyteorg/flytekit:py3.11-${FLYTEKIT_VERSION}`,
  cookbook: "ghcr.io/flyteorg/flytecookbook:core-8b8e1a849c9adfca88049a074b10dad278f70077",
  pandas: "ghcr.io/flyteorg/flytecookbook:data_types_and_io-latest",
  ml: "ghcr.io/flyteorg/flytecookbook:kfpytorch-latest",
};

/**
 * How the sandbox plays a task: `custom.sandbox`, read by lib/sandbox/executor/behaviour.ts (which
 * documents every key). Omitted keys mean the executor's defaults.
 */
export interface SandboxBehaviour {
  /** Simulated running time of each attempt. */
  durationMs?: number;
  /**
   * The first N attempts fail. With retries < N the node fails; recovering the execution is meant to
   * fix it (the recovered execution's attempts count after the failed ones).
   */
  failAttempts?: number;
  errorKind?: "USER" | "SYSTEM";
  errorCode?: string;
  errorMessage?: string;
  /** Every attempt runs until `metadata.timeout` and times out. */
  timeout?: boolean;
  /** A dynamic task: at run time it yields `copies` nodes of `task` (a task name in the closure). */
  dynamic?: { task: string; copies: number };
  /** Map tasks: the items at these indices fail on every attempt. */
  failIndices?: number[];
  /** Output values as JSON (the rest are generated). */
  outputs?: JsonObject;
  /** String outputs made this many bytes long. */
  outputBytes?: Record<string, number>;
}

export interface TaskDef {
  /** Full flytekit name, `<module>.<function>`. */
  name: string;
  description: string;
  inputs?: Record<string, LiteralType>;
  outputs?: Record<string, LiteralType>;
  image?: string;
  /** A raw container (ContainerTask) running this shell command instead of pyflyte-execute. */
  shell?: string;
  requests?: { cpu?: string; memory?: string; gpu?: string };
  limits?: { cpu?: string; memory?: string; gpu?: string };
  retries?: number;
  timeoutSeconds?: number;
  /** `cache=True, cache_version=...`. */
  cacheVersion?: string;
  cacheSerialize?: boolean;
  interruptible?: boolean;
  env?: Record<string, string>;
  tags?: string[];
  /** `enable_deck=True`: the task writes a Flyte Deck (TaskMetadata.generates_deck). */
  deck?: boolean;
  sandbox?: SandboxBehaviour;
}

const RESOURCE_NAMES = { cpu: Resources_ResourceName.CPU, memory: Resources_ResourceName.MEMORY, gpu: Resources_ResourceName.GPU };

function resourceEntries(r: { cpu?: string; memory?: string; gpu?: string }) {
  return (Object.keys(RESOURCE_NAMES) as (keyof typeof RESOURCE_NAMES)[])
    .filter((k) => r[k] !== undefined)
    .map((k) => ({ name: RESOURCE_NAMES[k], value: r[k] as string }));
}

function pyflyteArgs(name: string): string[] {
  const dot = name.lastIndexOf(".");
  return [
    "pyflyte-execute",
    "--inputs", "{{.input}}",
    "--output-prefix", "{{.outputPrefix}}",
    "--raw-output-data-prefix", "{{.rawOutputDataPrefix}}",
    "--checkpoint-path", "{{.checkpointOutputPrefix}}",
    "--prev-checkpoint", "{{.prevCheckpointPrefix}}",
    "--resolver", "flytekit.core.python_auto_container.default_task_resolver",
    "--",
    "task-module", name.slice(0, dot),
    "task-name", name.slice(dot + 1),
  ];
}

function custom(def: TaskDef): JsonObject | undefined {
  if (!def.sandbox) return undefined;
  const sandbox: JsonObject = {};
  for (const [key, value] of Object.entries(def.sandbox)) if (value !== undefined) sandbox[key] = value;
  return { sandbox };
}

export function taskTemplate(id: Identifier, def: TaskDef): TaskTemplate {
  const variables = (vars: Record<string, LiteralType> | undefined) =>
    create(VariableMapSchema, {
      variables: Object.fromEntries(Object.entries(vars ?? {}).map(([n, type]) => [n, { type, description: n }])),
    });
  const raw = def.shell !== undefined;
  return create(TaskTemplateSchema, {
    id,
    type: raw ? "raw-container" : "python-task",
    metadata: {
      runtime: { type: RuntimeMetadata_RuntimeType.FLYTE_SDK, version: FLYTEKIT_VERSION, flavor: "python" },
      retries: { retries: def.retries ?? 0 },
      timeout: def.timeoutSeconds ? { seconds: BigInt(def.timeoutSeconds) } : undefined,
      discoverable: def.cacheVersion !== undefined,
      discoveryVersion: def.cacheVersion ?? "",
      cacheSerializable: def.cacheSerialize ?? false,
      interruptibleValue: def.interruptible === undefined ? undefined : { case: "interruptible", value: def.interruptible },
      tags: {},
      generatesDeck: def.deck,
    },
    interface: { inputs: variables(def.inputs), outputs: variables(def.outputs) },
    custom: custom(def),
    target: {
      case: "container",
      value: {
        image: def.image ?? IMAGES.default,
        command: raw ? ["sh", "-c", def.shell as string] : [],
        args: raw ? [] : pyflyteArgs(def.name),
        resources: {
          requests: resourceEntries({ cpu: "500m", memory: "400Mi", ...def.requests }),
          limits: resourceEntries({ cpu: "1", memory: "1Gi", ...def.limits }),
        },
        env: Object.entries({ FLYTE_SDK_LOGGING_LEVEL: "20", ...def.env }).map(([key, value]) => ({ key, value })),
        dataConfig: raw
          ? { enabled: true, inputPath: "/var/inputs", outputPath: "/var/outputs", format: DataLoadingConfig_LiteralMapFormat.JSON }
          : undefined,
      },
    },
  });
}
