// The "Advanced" part of the launch form ⇄ ExecutionSpec fields. Empty means "leave it to the launch
// plan / project defaults", never "set it to empty".
import { create } from "@bufbuild/protobuf";
import { ExecutionSpecSchema, type ExecutionSpec } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { executionNameProblem } from "./execution-name";

export type KeyValueRow = { key: string; value: string };

export type LaunchOptions = {
  /** Empty: the console's generated name. */
  executionName: string;
  labels: KeyValueRow[];
  annotations: KeyValueRow[];
  envs: KeyValueRow[];
  /** Comma or whitespace separated. */
  tags: string;
  /** Text so a half-typed value can be shown back; empty = the launch plan's. */
  maxParallelism: string;
  rawOutputPrefix: string;
  serviceAccount: string;
  iamRole: string;
  interruptible: "inherit" | "true" | "false";
  overwriteCache: boolean;
  clusterPool: string;
  disableNotifications: boolean;
};

export type OptionsField = keyof LaunchOptions;
/** A message per option; key-value rows by "labels.2.key". */
export type OptionErrors = Partial<Record<string, string>>;

export function emptyLaunchOptions(): LaunchOptions {
  return {
    executionName: "",
    labels: [],
    annotations: [],
    envs: [],
    tags: "",
    maxParallelism: "",
    rawOutputPrefix: "",
    serviceAccount: "",
    iamRole: "",
    interruptible: "inherit",
    overwriteCache: false,
    clusterPool: "",
    disableNotifications: false,
  };
}

export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

// Kubernetes label rules, which FlyteAdmin applies when it creates the pods and CRD.
const LABEL_KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function validateLaunchOptions(o: LaunchOptions): OptionErrors {
  const errors: OptionErrors = {};
  if (o.executionName.trim()) {
    const problem = executionNameProblem(o.executionName.trim());
    if (problem) errors.executionName = problem;
  }
  const rows = (field: "labels" | "annotations" | "envs", keyOk: (k: string) => string | undefined, valueOk?: (v: string) => string | undefined) => {
    const seen = new Set<string>();
    o[field].forEach((row, i) => {
      const key = row.key.trim();
      const keyProblem = !key ? "enter a key" : seen.has(key) ? `duplicate key "${key}"` : keyOk(key);
      if (keyProblem) errors[`${field}.${i}.key`] = keyProblem;
      seen.add(key);
      const valueProblem = valueOk?.(row.value);
      if (valueProblem) errors[`${field}.${i}.value`] = valueProblem;
    });
  };
  rows(
    "labels",
    (k) => (LABEL_KEY_RE.test(k) ? undefined : "not a valid Kubernetes label key"),
    (v) => (LABEL_VALUE_RE.test(v) ? undefined : "up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
  );
  rows("annotations", (k) => (LABEL_KEY_RE.test(k) ? undefined : "not a valid Kubernetes annotation key"));
  rows("envs", (k) => (ENV_NAME_RE.test(k) ? undefined : "letters, digits and '_', not starting with a digit"));
  const mp = o.maxParallelism.trim();
  if (mp && (!/^\d+$/.test(mp) || Number(mp) > 2 ** 31 - 1)) errors.maxParallelism = "must be a whole number ≥ 0";
  const prefix = o.rawOutputPrefix.trim();
  if (prefix && !/^[a-z][a-z0-9+.-]*:\/\/./i.test(prefix)) errors.rawOutputPrefix = "must be a URI such as s3://bucket/prefix";
  return errors;
}

type SpecInit = MessageInitShape<typeof ExecutionSpecSchema>;

/** The ExecutionSpec fields the options set; everything left empty stays unset. */
export function launchOptionsToSpec(o: LaunchOptions): SpecInit {
  const spec: SpecInit = {};
  const map = (rows: KeyValueRow[]) => Object.fromEntries(rows.map((r) => [r.key.trim(), r.value]));
  if (o.labels.length) spec.labels = { values: map(o.labels) };
  if (o.annotations.length) spec.annotations = { values: map(o.annotations) };
  if (o.envs.length) spec.envs = { values: o.envs.map((r) => ({ key: r.key.trim(), value: r.value })) };
  const tags = parseTags(o.tags);
  if (tags.length) spec.tags = tags;
  if (o.maxParallelism.trim()) spec.maxParallelism = Number(o.maxParallelism.trim());
  if (o.rawOutputPrefix.trim()) spec.rawOutputDataConfig = { outputLocationPrefix: o.rawOutputPrefix.trim() };
  const sa = o.serviceAccount.trim();
  const role = o.iamRole.trim();
  if (sa || role) spec.securityContext = { runAs: { k8sServiceAccount: sa, iamRole: role } };
  if (o.interruptible !== "inherit") spec.interruptible = o.interruptible === "true";
  if (o.overwriteCache) spec.overwriteCache = true;
  if (o.clusterPool.trim()) spec.clusterAssignment = { clusterPoolName: o.clusterPool.trim() };
  if (o.disableNotifications) spec.notificationOverrides = { case: "disableAll", value: true };
  return spec;
}

/** A relaunch starts from the original's options (never its name: that one is taken). */
export function launchOptionsFromSpec(spec: ExecutionSpec | undefined): LaunchOptions {
  const s = spec ?? create(ExecutionSpecSchema);
  const rows = (values: { [k: string]: string } | undefined) => Object.entries(values ?? {}).map(([key, value]) => ({ key, value }));
  const runAs = s.securityContext?.runAs;
  return {
    executionName: "",
    labels: rows(s.labels?.values),
    annotations: rows(s.annotations?.values),
    envs: (s.envs?.values ?? []).map((kv) => ({ key: kv.key, value: kv.value })),
    tags: s.tags.join(", "),
    maxParallelism: s.maxParallelism ? String(s.maxParallelism) : "",
    rawOutputPrefix: s.rawOutputDataConfig?.outputLocationPrefix ?? "",
    serviceAccount: runAs?.k8sServiceAccount ?? "",
    iamRole: runAs?.iamRole ?? s.authRole?.assumableIamRole ?? "",
    interruptible: s.interruptible === undefined ? "inherit" : s.interruptible ? "true" : "false",
    overwriteCache: s.overwriteCache,
    clusterPool: s.clusterAssignment?.clusterPoolName ?? "",
    disableNotifications: s.notificationOverrides.case === "disableAll" && s.notificationOverrides.value,
  };
}
