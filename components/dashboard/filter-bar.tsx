"use client";

import { DEFAULT_FILTERS, TIME_PRESETS, type DashboardFilters, type TimePreset } from "@/lib/flyte/dashboard/filter-state";
import { DURATION_PRESETS, SORT_OPTIONS, durationBoundsOf, durationPresetOf, filterChips, sortOptionOf } from "@/lib/flyte/dashboard/presets";
import { workflowPhases } from "@/lib/flyte/phases";
import { useEntityNames } from "@/lib/query/use-entity";
import { LabeledSelect, PhaseMenu, TextFilter, controlClass } from "./filter-controls";
import { LaunchedByMe } from "./launched-by-me";
import type { SetFilters } from "./use-dashboard-filters";

const phaseLabel = (name: string) => workflowPhases.find((p) => p.name === name)?.label ?? name;

// datetime-local has no zone; the console shows UTC everywhere, so these inputs are UTC too.
const toLocalInput = (ms: number | undefined) => (ms === undefined ? "" : new Date(ms).toISOString().slice(0, 16));
const fromLocalInput = (v: string) => (v ? Date.parse(`${v}:00Z`) : undefined);

export function FilterBar({
  project,
  domain,
  filters,
  setFilters,
  principals,
  scope = "executions",
}: {
  project: string;
  domain: string;
  filters: DashboardFilters;
  setFilters: SetFilters;
  /** Principals seen in the loaded rows, offered as suggestions. */
  principals: readonly string[];
  /** "failures": the failure triage view, whose phases are fixed and which lists groups, not rows (no phase, duration or sort). */
  scope?: "executions" | "failures";
}) {
  const rows = scope === "executions";
  const workflows = useEntityNames("workflow", project, domain);
  const launchPlans = useEntityNames("launch_plan", project, domain);
  const custom = filters.since === undefined && (filters.from !== undefined || filters.to !== undefined);
  const timeValue = filters.since ?? (custom ? "custom" : "");
  const durationValue = durationPresetOf(filters);
  const chips = filterChips(filters, phaseLabel);

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="filter-bar" role="search" aria-label={rows ? "Filter executions" : "Filter failures"}>
      <div className="flex flex-wrap items-end gap-3">
        {rows ? <PhaseMenu value={filters.phases} onChange={(phases) => setFilters({ ...filters, phases })} /> : null}
        <LabeledSelect
          label="Started"
          testId="time-filter"
          value={timeValue}
          onChange={(v) => {
            if (v === "custom") setFilters({ ...filters, since: undefined, from: Math.floor(Date.now() / 3_600_000) * 3_600_000 - 86_400_000, to: undefined });
            else setFilters({ ...filters, since: (v || undefined) as TimePreset | undefined, from: undefined, to: undefined });
          }}
        >
          <option value="">Any time</option>
          {(Object.keys(TIME_PRESETS) as TimePreset[]).map((k) => (
            <option key={k} value={k}>
              {TIME_PRESETS[k].label}
            </option>
          ))}
          <option value="custom">Custom range (UTC)…</option>
        </LabeledSelect>
        {custom ? (
          <div className="flex items-end gap-1">
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
              From (UTC)
              <input
                type="datetime-local"
                className={controlClass}
                value={toLocalInput(filters.from)}
                onChange={(e) => setFilters({ ...filters, from: fromLocalInput(e.target.value) }, { replace: true })}
              />
            </label>
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
              To (UTC)
              <input
                type="datetime-local"
                className={controlClass}
                value={toLocalInput(filters.to)}
                onChange={(e) => setFilters({ ...filters, to: fromLocalInput(e.target.value) }, { replace: true })}
              />
            </label>
          </div>
        ) : null}
        {rows ? (
          <LabeledSelect
            label="Duration"
            testId="duration-filter"
            value={durationValue}
            onChange={(v) => v !== "custom" && setFilters({ ...filters, ...durationBoundsOf(v) })}
          >
            <option value="">Any duration</option>
            {DURATION_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            {durationValue === "custom" ? <option value="custom">Custom</option> : null}
          </LabeledSelect>
        ) : null}
        <LabeledSelect
          label="Archived"
          testId="archived-filter"
          value={filters.archived}
          onChange={(v) => setFilters({ ...filters, archived: v as DashboardFilters["archived"] })}
        >
          <option value="hide">Hide archived</option>
          <option value="include">Include archived</option>
          <option value="only">Only archived</option>
        </LabeledSelect>
        {rows ? (
          <LabeledSelect
            label="Sort"
            testId="sort"
            value={sortOptionOf(filters.sort)}
            onChange={(v) => {
              const o = SORT_OPTIONS.find((x) => x.id === v) ?? SORT_OPTIONS[0];
              setFilters({ ...filters, sort: { key: o.key, ascending: o.ascending } });
            }}
          >
            {SORT_OPTIONS.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </LabeledSelect>
        ) : null}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <TextFilter
          label="Workflow"
          testId="workflow-filter"
          value={filters.workflow ?? ""}
          suggestions={workflows}
          placeholder="any workflow"
          onCommit={(v) => setFilters({ ...filters, workflow: v || undefined, exactName: undefined })}
        />
        <TextFilter
          label="Launch plan"
          testId="launch-plan-filter"
          value={filters.launchPlan ?? ""}
          suggestions={launchPlans}
          placeholder="any launch plan"
          onCommit={(v) => setFilters({ ...filters, launchPlan: v || undefined, exactName: undefined })}
        />
        <TextFilter
          label="Version"
          testId="version-filter"
          value={filters.version ?? ""}
          placeholder="any version"
          onCommit={(v) => setFilters({ ...filters, version: v || undefined })}
        />
        <TextFilter
          label="Tag"
          testId="tag-filter"
          value=""
          clearOnCommit
          placeholder="add a tag, Enter"
          onCommit={(v) => v && !filters.tags.includes(v) && setFilters({ ...filters, tags: [...filters.tags, v] })}
        />
        <TextFilter
          label="Launched by"
          testId="user-filter"
          value={filters.user ?? ""}
          suggestions={principals}
          placeholder="anyone"
          onCommit={(v) => setFilters({ ...filters, user: v || undefined })}
          after={<LaunchedByMe user={filters.user} onChange={(user) => setFilters({ ...filters, user })} />}
        />
      </div>
      {chips.length ? (
        <ul className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3" aria-label="Filters in effect" data-testid="filter-chips">
          {chips.map((c) => (
            <li key={c.id} data-testid="filter-chip" data-chip={c.id} className="flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2.5 pr-1 text-xs text-indigo-900 ring-1 ring-inset ring-indigo-200">
              <span className="max-w-72 truncate" title={c.label}>
                {c.label}
              </span>
              <button
                type="button"
                aria-label={`Remove filter ${c.label}`}
                onClick={() => setFilters(c.without)}
                className="rounded-full px-1 text-indigo-700 hover:bg-indigo-100"
              >
                ×
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="text-xs font-medium text-slate-600 hover:text-slate-900 hover:underline"
              onClick={() => setFilters({ ...DEFAULT_FILTERS, sort: filters.sort })}
            >
              Clear all
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
