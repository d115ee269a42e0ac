"use client";

// ⌘K (Ctrl+K) from any page: jump to a project, a workflow, task or launch plan, or an execution
// by name. Entity and execution search is scoped to the project/domain in view (or the last one).
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";

const PaletteDialog = dynamic(() => import("./palette-dialog"), { ssr: false });

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="search-button"
        aria-keyshortcuts="Meta+K Control+K"
        className="ml-auto flex w-64 items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1 text-sm text-slate-500 hover:border-slate-300 hover:bg-white"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={2}>
          <circle cx="9" cy="9" r="6" />
          <path d="m14 14 4 4" strokeLinecap="round" />
        </svg>
        <span className="flex-1 text-left">Search…</span>
        <kbd className="rounded border border-slate-300 bg-white px-1.5 text-[11px] font-medium text-slate-500">⌘K</kbd>
      </button>
      {open ? <PaletteDialog onOpenChange={setOpen} /> : null}
    </>
  );
}
