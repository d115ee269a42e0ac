"use client";

// The palette itself (cmdk and the searches), loaded on first open so no page pays for it up front.
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { MIN_SEARCH_CHARS } from "@/lib/flyte/entities/search";
import { errorTitle } from "@/components/ui/query-state";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { useCurrentPlace } from "@/components/shell/current-place";
import { usePaletteResults, type PaletteItem } from "@/lib/query/use-palette-results";

const KIND_TAG: Record<PaletteItem["kind"], string> = {
  project: "Project",
  workflow: "Workflow",
  task: "Task",
  launch_plan: "Launch plan",
  execution: "Execution",
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export default function PaletteDialog({ onOpenChange }: { onOpenChange: (open: boolean) => void }) {
  const onClose = () => onOpenChange(false);
  const router = useRouter();
  const place = useCurrentPlace();
  const scope = place.project && place.domain ? { project: place.project, domain: place.domain } : undefined;
  const [input, setInput] = useState("");
  const term = useDebounced(input, 150);
  const { groups, loading, error } = usePaletteResults(term, scope);
  const any = groups.some((g) => g.items.length > 0);
  // The highlighted item: the one the arrow keys chose while it is still listed, else the first (best) match,
  // so Enter opens it. Left to itself, cmdk highlights nothing when the results arrive after the keystroke.
  const [chosen, setChosen] = useState("");
  const ids = groups.flatMap((g) => g.items.map((i) => i.id));
  const highlighted = ids.includes(chosen) ? chosen : (ids[0] ?? "");
  const go = (href: string) => {
    onClose();
    router.push(href);
  };
  return (
    <Command.Dialog
      open
      value={highlighted}
      onValueChange={setChosen}
      onOpenChange={onOpenChange}
      label="Search the console"
      shouldFilter={false}
      loop
      data-testid="command-palette"
      overlayClassName="fixed inset-0 z-40 bg-black/40"
      contentClassName="fixed left-1/2 top-[12vh] z-50 w-[min(42rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-4">
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-500" fill="none" stroke="currentColor" strokeWidth={2}>
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" strokeLinecap="round" />
        </svg>
        <Command.Input
          value={input}
          onValueChange={(v) => {
            setInput(v);
            // A new term starts again at its best match.
            setChosen("");
          }}
          placeholder={scope ? `Search ${scope.project}/${scope.domain}: workflows, tasks, launch plans, executions, projects` : "Search projects"}
          data-testid="palette-input"
          className="h-12 w-full bg-transparent text-sm text-slate-900 outline-none placeholder:text-slate-500"
        />
        {loading ? <span className="h-3 w-3 shrink-0 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" role="status" aria-label="Searching" /> : null}
      </div>
      <Command.List className="max-h-[60vh] overflow-auto p-2" data-testid="palette-results">
        {error ? <p className="px-3 py-2 text-xs text-red-700">{errorTitle(error)}: some results may be missing.</p> : null}
        {!any && !loading ? (
          <Command.Empty className="px-3 py-6 text-center text-sm text-slate-500">
            {term.trim().length < MIN_SEARCH_CHARS ? "Type at least two characters of a name." : `Nothing named like “${term.trim()}”${scope ? ` in ${scope.project}/${scope.domain}` : ""}.`}
          </Command.Empty>
        ) : null}
        {groups.map((g) =>
          g.items.length ? (
            <Command.Group key={g.heading} heading={g.heading} className="mb-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-500">
              {g.items.map((item) => (
                <Command.Item
                  key={item.id}
                  value={item.id}
                  onSelect={() => go(item.href)}
                  data-testid="palette-item"
                  data-kind={item.kind}
                  data-name={item.label}
                  className="flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm text-slate-800 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900"
                >
                  <span className="min-w-0">
                    <span className={`block truncate ${item.kind === "project" ? "" : "font-mono"}`}>{item.label}</span>
                    {item.detail ? <span className="block truncate text-xs text-slate-500">{item.detail}</span> : null}
                  </span>
                  <span className="flex shrink-0 items-center gap-2">
                    {item.phase ? <PhaseBadge phase={item.phase} /> : null}
                    <span className="text-[11px] text-slate-500">{KIND_TAG[item.kind]}</span>
                  </span>
                </Command.Item>
              ))}
            </Command.Group>
          ) : null,
        )}
      </Command.List>
      <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2 text-[11px] text-slate-500">
        <span>
          <kbd className="rounded border border-slate-300 px-1">↑</kbd> <kbd className="rounded border border-slate-300 px-1">↓</kbd> to move,{" "}
          <kbd className="rounded border border-slate-300 px-1">Enter</kbd> to open, <kbd className="rounded border border-slate-300 px-1">Esc</kbd> to close
        </span>
        <span>Names match whatever their case</span>
      </div>
    </Command.Dialog>
  );
}
