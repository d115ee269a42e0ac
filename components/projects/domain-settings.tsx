"use client";

// A project-domain's settings as FlyteAdmin holds them (its matchable attributes), read-only: one card
// per resource type, saying what is set and whether for this domain or the whole project.
import type { DomainSetting } from "@/lib/gen/flyteconsole/v1/console_pb";
import { attributesScope, describeAttributes, MATCHABLE_RESOURCES } from "@/lib/flyte/attributes";
import { useDomainSettings } from "@/lib/query/attributes";
import { QueryError } from "@/components/ui/query-state";
import { ProjectNav } from "./project-nav";

const RESOURCE_TYPES = MATCHABLE_RESOURCES.map((r) => r.type);

/** One resource's card; `setting` is undefined while the answer loads. */
function Setting({ setting, domain, label, about }: { setting: DomainSetting | undefined; domain: string; label: string; about: string }) {
  const answer = setting?.attributes;
  const unset = !!setting && !answer && !setting.error;
  const facts = describeAttributes(answer?.matchingAttributes);
  const scope = answer ? attributesScope(answer, domain) : undefined;
  const state = !setting ? "loading" : unset ? "unset" : setting.error ? "error" : "set";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="domain-setting" data-resource={label} data-state={state}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold text-slate-900">{label}</h2>
        {scope === "project" ? (
          <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-800" data-testid="setting-scope">
            set for the whole project
          </span>
        ) : scope === "global" ? (
          <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-800" data-testid="setting-scope">
            set for every project
          </span>
        ) : null}
      </div>
      <p className="text-xs text-slate-500">{about}</p>
      <div className="mt-2 text-sm">
        {!setting ? (
          <span className="inline-block h-4 w-40 animate-pulse rounded bg-slate-100" role="status" aria-label={`Loading ${label}`} />
        ) : unset ? (
          <p className="text-slate-500">Not set: FlyteAdmin&apos;s configured defaults apply.</p>
        ) : setting.error ? (
          <p className="text-red-700" role="alert">
            FlyteAdmin did not say: {setting.error}
          </p>
        ) : facts.length === 0 ? (
          <p className="text-slate-500">Set, but empty.</p>
        ) : (
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1">
            {facts.map((f) => (
              <div key={f.label} className="contents">
                <dt className="text-slate-500">{f.label}</dt>
                <dd className="break-words font-mono text-xs leading-5 text-slate-900">{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </li>
  );
}

export function DomainSettingsPage({ project, domain }: { project: string; domain: string }) {
  const q = useDomainSettings(project, domain, RESOURCE_TYPES);
  const byType = new Map(q.data?.settings.map((s) => [s.resourceType, s]));
  return (
    <section className="space-y-4" data-testid="domain-settings">
      <ProjectNav project={project} domain={domain} section="settings" />
      <p className="text-sm text-slate-600">
        What FlyteAdmin applies to executions in {project}/{domain} unless a workflow or launch plan overrides it. Operators change these
        with <code className="font-mono">flytectl update …-attribute</code>; the console only shows them.
      </p>
      {q.isError ? (
        <QueryError error={q.error} retry={() => void q.refetch()} />
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {MATCHABLE_RESOURCES.map((r) => (
            <Setting key={r.type} setting={byType.get(r.type)} domain={domain} label={r.label} about={r.about} />
          ))}
        </ul>
      )}
    </section>
  );
}
