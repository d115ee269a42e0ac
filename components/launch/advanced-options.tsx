"use client";
// The collapsed "Advanced" part of the launch form: execution name and ExecutionSpec overrides.
import type { ReactNode } from "react";
import type { LaunchOptions, OptionErrors } from "@/lib/flyte/launch/launch-options";
import { FieldMessages, INPUT_CLASS } from "./field-parts";
import { KeyValueEditor } from "./key-value-editor";

type TextOption = "executionName" | "tags" | "maxParallelism" | "rawOutputPrefix" | "serviceAccount" | "iamRole" | "clusterPool";

export function AdvancedOptions({
  options,
  onChange,
  errors,
  generatedName,
  defaultOpen,
}: {
  options: LaunchOptions;
  onChange: (options: LaunchOptions) => void;
  errors: OptionErrors;
  generatedName: string;
  defaultOpen: boolean;
}) {
  const set = <K extends keyof LaunchOptions>(key: K, value: LaunchOptions[K]) => onChange({ ...options, [key]: value });
  const text = (key: TextOption, label: string, help: ReactNode, placeholder = "", mono = true) => {
    const id = `opt-${key}`;
    const error = errors[key];
    return (
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          id={id}
          type="text"
          data-testid={`launch-option-${key}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-help`}
          className={`${INPUT_CLASS} ${mono ? "font-mono" : ""}`}
          placeholder={placeholder}
          value={options[key]}
          autoComplete="off"
          onChange={(e) => set(key, e.target.value)}
        />
        {error ? <FieldMessages id={`${id}-error`} messages={[error]} /> : <p id={`${id}-help`} className="text-xs text-slate-500">{help}</p>}
      </div>
    );
  };
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <details
      className="group rounded-lg border border-slate-200 bg-white"
      open={defaultOpen || hasErrors || undefined}
      data-testid="launch-advanced"
    >
      <summary className="flex cursor-pointer select-none items-center gap-2 px-4 py-3 text-sm font-semibold text-slate-900">
        <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 transition-transform group-open:rotate-90" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
          <path d="M6 3.5 10.5 8 6 12.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        Advanced options
        <span className="font-normal text-slate-500">name, labels, env vars, parallelism, security, caching</span>
      </summary>
      <div className="grid gap-x-6 gap-y-4 border-t border-slate-100 px-4 py-4 md:grid-cols-2">
        {text("executionName", "Execution name", <>Leave empty to use <span className="font-mono">{generatedName}</span>.</>, generatedName)}
        {text("tags", "Tags", "Comma or space separated.", "nightly, experiment-7")}
        {text("maxParallelism", "Max parallelism", "Nodes that may run at once; empty uses the launch plan's.", "e.g. 25")}
        {text("rawOutputPrefix", "Raw output prefix", "Where offloaded data (files, dataframes) is written.", "s3://my-bucket/raw")}
        {text("serviceAccount", "Kubernetes service account", "Runs the pods as this service account.", "default")}
        {text("iamRole", "IAM role", "Assumed by the pods (AWS).", "arn:aws:iam::123456789012:role/flyte")}
        {text("clusterPool", "Cluster pool", "Route the execution to this cluster pool.", "")}
        <div className="space-y-1">
          <label htmlFor="opt-interruptible" className="block text-sm font-medium text-slate-800">
            Interruptible
          </label>
          <select
            id="opt-interruptible"
            data-testid="launch-option-interruptible"
            className={INPUT_CLASS}
            value={options.interruptible}
            onChange={(e) => set("interruptible", e.target.value as LaunchOptions["interruptible"])}
          >
            <option value="inherit">As the workflow declares</option>
            <option value="true">Interruptible (spot instances allowed)</option>
            <option value="false">Not interruptible</option>
          </select>
        </div>
        <div className="space-y-2 md:col-span-2">
          <Check
            id="opt-overwriteCache"
            checked={options.overwriteCache}
            onChange={(v) => set("overwriteCache", v)}
            label="Overwrite cached outputs"
            help="Run cached tasks again and replace what the cache holds."
          />
          <Check
            id="opt-disableNotifications"
            checked={options.disableNotifications}
            onChange={(v) => set("disableNotifications", v)}
            label="Turn off notifications"
            help="No emails, Slack or PagerDuty messages for this execution."
          />
        </div>
        <KeyValueEditor field="labels" label="Labels" rows={options.labels} onChange={(rows) => set("labels", rows)} errors={errors} />
        <KeyValueEditor field="annotations" label="Annotations" rows={options.annotations} onChange={(rows) => set("annotations", rows)} errors={errors} />
        <KeyValueEditor field="envs" label="Environment variables" rows={options.envs} onChange={(rows) => set("envs", rows)} errors={errors} keyPlaceholder="NAME" />
      </div>
    </details>
  );
}

function Check({ id, checked, onChange, label, help }: { id: string; checked: boolean; onChange: (v: boolean) => void; label: string; help: string }) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        data-testid={`launch-option-${id.slice(4)}`}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="text-sm">
        <span className="font-medium text-slate-800">{label}</span> <span className="text-slate-500">{help}</span>
      </label>
    </div>
  );
}
