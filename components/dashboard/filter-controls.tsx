"use client";

// Small controls the filter bar is made of: a labelled select, a text filter that commits on
// Enter or blur, and the phase menu.
import { useCallback, useId, useRef, useState, type ReactNode } from "react";
import { workflowPhases, type WorkflowPhaseName } from "@/lib/flyte/phases";
import { PhaseIcon, toneClass } from "@/components/ui/phase-badge";
import { useDismiss } from "@/components/ui/use-dismiss";

export const controlClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-800 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

export function LabeledSelect({
  label,
  value,
  onChange,
  children,
  testId,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-500">
        {label}
      </label>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} className={controlClass}>
        {children}
      </select>
    </div>
  );
}

/** A text filter: edits stay local until Enter or leaving the field, so typing does not refetch. */
export function TextFilter({
  label,
  value,
  onCommit,
  placeholder,
  suggestions,
  testId,
  clearOnCommit,
  after,
}: {
  label: string;
  value: string;
  onCommit(value: string): void;
  placeholder?: string;
  suggestions?: readonly string[];
  testId?: string;
  /** For inputs that add to a list (tags): empty the field after adding. */
  clearOnCommit?: boolean;
  after?: ReactNode;
}) {
  const id = useId();
  const listId = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const commit = () => {
    const next = draft.trim();
    if (next !== value.trim()) onCommit(next);
    if (clearOnCommit) setDraft("");
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-500">
        {label}
      </label>
      <div className="flex gap-1">
        <input
          id={id}
          data-testid={testId}
          value={draft}
          list={suggestions?.length ? listId : undefined}
          placeholder={placeholder}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
            if (e.key === "Escape") setDraft(value);
          }}
          className={`${controlClass} w-44`}
        />
        {after}
      </div>
      {suggestions?.length ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}

const MENU_PHASES = workflowPhases.filter((p) => p.name !== "UNDEFINED");

export function PhaseMenu({ value: committed, onChange }: { value: readonly WorkflowPhaseName[]; onChange(next: WorkflowPhaseName[]): void }) {
  const [open, setOpen] = useState(false);
  // The URL catches up in a transition; the boxes show the choice at once.
  const [value, setValue] = useState<readonly WorkflowPhaseName[]>(committed);
  const [shown, setShown] = useState(committed);
  if (shown !== committed) {
    setShown(committed);
    setValue(committed);
  }
  const choose = (next: WorkflowPhaseName[]) => {
    setValue(next);
    onChange(next);
  };
  const ref = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, ref, close);
  const summary =
    value.length === 0
      ? "Any phase"
      : value.map((n) => MENU_PHASES.find((p) => p.name === n)?.label ?? n).join(", ");
  const toggle = (name: WorkflowPhaseName) =>
    choose(value.includes(name) ? value.filter((v) => v !== name) : [...value, name]);
  return (
    <div className="relative flex flex-col gap-1" ref={ref}>
      <span className="text-xs font-medium text-slate-500" id={`${panelId}-label`}>
        Phase
      </span>
      <button
        type="button"
        data-testid="phase-filter"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${panelId}-label ${panelId}-value`}
        onClick={() => setOpen((o) => !o)}
        className={`${controlClass} flex w-44 items-center justify-between gap-2 text-left`}
      >
        <span id={`${panelId}-value`} className="truncate">
          {summary}
        </span>
        <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.8}>
          <path d="M4 6l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <fieldset id={panelId} className="absolute top-full z-30 mt-1 w-56 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          <legend className="sr-only">Show executions in these phases</legend>
          {MENU_PHASES.map((p) => (
            <label key={p.name} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input type="checkbox" checked={value.includes(p.name as WorkflowPhaseName)} onChange={() => toggle(p.name as WorkflowPhaseName)} />
              <span className={`inline-flex rounded-full p-0.5 ring-1 ring-inset ${toneClass(p.tone)}`}>
                <PhaseIcon icon={p.icon === "spinner" ? "queued" : p.icon} className="h-3 w-3" />
              </span>
              {p.label}
            </label>
          ))}
          {value.length ? (
            <button type="button" onClick={() => choose([])} className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-indigo-700 hover:bg-slate-50">
              Any phase
            </button>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}
