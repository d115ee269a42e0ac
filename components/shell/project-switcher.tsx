"use client";

// The header's project/domain switcher: shows where you are (or where you last were) and jumps to
// the same section of another project or domain.
import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useCallback, useId, useRef, useState } from "react";
import { consolePath } from "@/lib/flyte/urls";
import { useProjects } from "@/lib/query/projects";
import { ALL_PROJECTS_HREF, sectionRoute } from "@/components/projects/sections";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useCurrentPlace } from "./current-place";

export function ProjectSwitcher() {
  const { project, domain, section } = useCurrentPlace();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const projects = useProjects({ enabled: open || project !== undefined });
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const pathname = usePathname();

  // A navigation closes the panel: reset during render when the path changes (no effect, no extra paint).
  const [openedAt, setOpenedAt] = useState(pathname);
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    if (open) setOpen(false);
  }
  useDismiss(open, rootRef, close);

  const current = projects.data?.projects.find((p) => p.id === project);
  const label = project ? `${current?.name || project} / ${domain ?? "…"}` : "Choose a project";

  return (
    <div ref={rootRef} className="relative" data-testid="project-switcher">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Project and domain: ${label}. Switch`}
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-[22rem] items-center gap-1.5 rounded-md border border-slate-200 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50"
      >
        <span className="truncate">{label}</span>
        <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.8}>
          <path d="M4 6l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div
          id={panelId}
          className="absolute left-0 z-30 mt-1 max-h-[70vh] w-80 overflow-auto rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
        >
          {projects.isPending ? (
            <p className="px-2 py-1 text-sm text-slate-500">Loading projects…</p>
          ) : projects.isError ? (
            <p className="px-2 py-1 text-sm text-red-700">Could not load projects.</p>
          ) : (
            <ul aria-label="Projects" className="space-y-1">
              {projects.data.projects.map((p) => (
                <li key={p.id} className="rounded-md px-2 py-1.5 hover:bg-slate-50">
                  <p className={`text-sm ${p.id === project ? "font-semibold text-indigo-700" : "text-slate-900"}`}>{p.name || p.id}</p>
                  <ul aria-label={`Domains of ${p.name || p.id}`} className="mt-1 flex flex-wrap gap-1.5">
                    {p.domains.map((d) => {
                      const here = p.id === project && d.id === domain;
                      return (
                        <li key={d.id}>
                          <Link
                            href={consolePath(sectionRoute(section, p.id, d.id))}
                            aria-current={here ? "page" : undefined}
                            className={`rounded-full border px-2 py-0.5 text-xs ${
                              here ? "border-indigo-500 bg-indigo-50 text-indigo-700" : "border-slate-300 text-slate-700 hover:border-indigo-400"
                            }`}
                          >
                            {d.name || d.id}
                          </Link>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <Link href={ALL_PROJECTS_HREF} className="mt-2 block border-t border-slate-100 px-2 pt-2 text-sm text-indigo-700 hover:underline">
            All projects
          </Link>
        </div>
      ) : null}
    </div>
  );
}
