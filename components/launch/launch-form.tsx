"use client";
// The launch form: a typed field per input, the launch plan's fixed inputs, advanced options and
// one submit. Values are validated as they are typed; a field shows its message once touched (all
// of them after a submit attempt), and nothing is sent while any is wrong.
import { Link } from "@/components/ui/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { ResourceType, type Identifier, type WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { buildExecutionCreateRequest } from "@/lib/flyte/launch/create-request";
import { newExecutionName } from "@/lib/flyte/launch/execution-name";
import {
  initialInputStates,
  launchInputsToLiterals,
  type InputState,
  type LaunchInterface,
} from "@/lib/flyte/launch/launch-inputs";
import { emptyLaunchOptions, validateLaunchOptions, type LaunchOptions } from "@/lib/flyte/launch/launch-options";
import { useRefusal } from "@/lib/query/permissions";
import { ActionButton } from "@/components/actions/action-button";
import { withRefusal } from "@/components/actions/action-failure";
import { LiteralMapView } from "@/components/literals/literal-map-view";
import { ActingAs } from "@/components/shell/acting-as";
import { AdvancedOptions } from "./advanced-options";
import { LiteralField } from "./literal-field";
import { useLaunchSubmit } from "./use-launch-submit";

export function LaunchForm({
  project,
  domain,
  target,
  iface,
  prefill,
  initialOptions,
  relaunchOf,
  cancelHref,
}: {
  project: string;
  domain: string;
  target: Identifier;
  iface: LaunchInterface;
  /** A relaunched execution's inputs. */
  prefill?: LiteralMap;
  initialOptions?: LaunchOptions;
  relaunchOf?: WorkflowExecutionIdentifier;
  cancelHref?: string;
}) {
  const [inputs, setInputs] = useState<Record<string, InputState>>(() => initialInputStates(iface.inputs, prefill));
  const [options, setOptions] = useState<LaunchOptions>(() => initialOptions ?? emptyLaunchOptions());
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const [generatedName] = useState(() => newExecutionName());
  const formRef = useRef<HTMLFormElement>(null);
  const { submit, pending, failure, launched } = useLaunchSubmit();
  const refusal = useRefusal("launch", { project, domain });

  const converted = useMemo(() => launchInputsToLiterals(iface.inputs, inputs), [iface.inputs, inputs]);
  const optionErrors = useMemo(() => validateLaunchOptions(options), [options]);
  const inputErrors = converted.ok ? {} : converted.errors;
  const invalidCount = Object.keys(inputErrors).length + Object.keys(optionErrors).length;

  useEffect(() => {
    if (focusTick === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    first?.focus({ preventScroll: true });
    first?.scrollIntoView?.({ block: "center", behavior: "smooth" });
  }, [focusTick]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (refusal) return;
    if (!converted.ok || invalidCount > 0) {
      setShowAll(true);
      setFocusTick((n) => n + 1);
      return;
    }
    const typedName = options.executionName.trim();
    void submit(
      buildExecutionCreateRequest({
        project,
        domain,
        name: typedName || generatedName,
        target,
        inputs: converted.literals,
        options,
        relaunchOf,
      }),
      !typedName,
    );
  };

  const setInput = (name: string, value: InputState["value"]) => {
    setInputs((s) => ({ ...s, [name]: { value } }));
    setTouched((t) => (t.has(name) ? t : new Set(t).add(name)));
  };
  const fixedNames = Object.keys(iface.fixed.literals);
  const busy = pending || Boolean(launched);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" data-testid="launch-form" aria-label="Launch">
      <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="launch-inputs-title">
        <header className="flex items-baseline justify-between border-b border-slate-100 px-4 py-3">
          <h2 id="launch-inputs-title" className="text-sm font-semibold text-slate-900">
            Inputs
          </h2>
          <span className="text-xs text-slate-500">
            {iface.inputs.length === 0 ? "none" : `${iface.inputs.length} input${iface.inputs.length === 1 ? "" : "s"}`}
          </span>
        </header>
        {iface.inputs.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-500" data-testid="launch-no-inputs">
            This {target.resourceType === ResourceType.TASK ? "task" : "launch plan"} takes no inputs{fixedNames.length ? " you can set" : ""}.
          </p>
        ) : (
          <div className="divide-y divide-slate-100">
            {iface.inputs.map((input) => {
              const state = inputs[input.name];
              const shown = showAll || touched.has(input.name);
              const errors = shown ? (inputErrors[input.name] ?? []) : [];
              return (
                <div key={input.name} className="px-4 py-3.5">
                  <LiteralField
                    name={input.name}
                    type={input.type}
                    value={state.value}
                    onChange={(v) => setInput(input.name, v)}
                    errors={errors}
                    description={input.description}
                    badge={
                      relaunchOf && prefill?.literals[input.name] ? (
                        <span className="text-[11px] text-slate-500">as in {relaunchOf.name}</span>
                      ) : (
                        <InputBadge required={input.required} hasDefault={Boolean(input.defaultValue)} />
                      )
                    }
                  />
                  {state.keepDefault ? (
                    <p className="mt-1 text-xs text-amber-800" data-testid="launch-keep-default">
                      Uses the launch plan&apos;s default ({state.keepDefault}); edit to override.
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
        )}
      </section>

      {fixedNames.length ? (
        <section className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3" data-testid="launch-fixed-inputs" aria-labelledby="launch-fixed-title">
          <h2 id="launch-fixed-title" className="text-sm font-semibold text-slate-900">
            Fixed by the launch plan
          </h2>
          <p className="mb-2 text-xs text-slate-500">These values are part of the launch plan and cannot be changed here.</p>
          <LiteralMapView literals={iface.fixed} label="Fixed inputs" />
        </section>
      ) : null}

      <AdvancedOptions
        options={options}
        onChange={setOptions}
        errors={optionErrors}
        generatedName={generatedName}
        defaultOpen={Boolean(initialOptions && relaunchOf)}
      />

      <div className="sticky bottom-0 -mx-1 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-white/95 px-1 py-3 backdrop-blur">
        <div className="mr-auto min-w-0 text-sm" aria-live="polite" data-testid="launch-status">
          {failure ? (
            <div role="alert" data-testid="launch-error" data-retryable={failure.retryable || undefined} className="text-red-800">
              <p className="font-semibold">{failure.title}</p>
              <p className="break-words text-red-700">{failure.message}</p>
              {failure.retryable ? <p className="text-xs text-red-700">Launch again to retry: it cannot start twice.</p> : null}
            </div>
          ) : showAll && invalidCount > 0 ? (
            <p className="text-red-700" data-testid="launch-invalid-summary">
              {invalidCount} field{invalidCount === 1 ? " needs" : "s need"} attention before launching.
            </p>
          ) : launched ? (
            <p className="text-slate-600">Launched {launched}; opening it…</p>
          ) : null}
        </div>
        {cancelHref ? (
          <Link href={cancelHref} className="text-sm text-slate-600 hover:text-slate-900 hover:underline">
            Cancel
          </Link>
        ) : null}
        <ActingAs verb={relaunchOf ? "Relaunching" : "Launching"} />
        <ActionButton type="submit" variant="primary" availability={withRefusal({ available: true }, refusal)} busy={busy} testId="launch-submit" className="px-5">
          {pending ? "Launching…" : launched ? "Launched" : relaunchOf ? "Relaunch" : "Launch"}
        </ActionButton>
      </div>
    </form>
  );
}

function InputBadge({ required, hasDefault }: { required: boolean; hasDefault: boolean }) {
  if (hasDefault) return <span className="text-[11px] text-slate-500">default from launch plan</span>;
  if (required) return <span className="text-[11px] font-medium text-rose-700">required</span>;
  return <span className="text-[11px] text-slate-500">optional</span>;
}
