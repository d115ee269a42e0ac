"use client";

import { usePathname } from "next/navigation";
import { parseConsolePath } from "@/lib/flyte/urls";
import { useLastProjectDomain } from "@/components/projects/last-project";
import type { ProjectSection } from "@/components/projects/sections";

/** Where the page is: project, domain and the section a switch should keep. */
export function useCurrentPlace(): { project?: string; domain?: string; section: ProjectSection } {
  const pathname = usePathname();
  const route = parseConsolePath(pathname ?? "");
  const last = useLastProjectDomain().value;
  switch (route.page) {
    case "executions":
    case "execution":
    case "compare":
      return { project: route.project, domain: route.domain ?? last?.domain, section: "executions" };
    case "entities":
    case "entity":
    case "entityVersion":
      return { project: route.project, domain: route.domain ?? last?.domain, section: route.kind };
    case "settings":
      return { project: route.project, domain: route.domain, section: "settings" };
    case "failures":
      return { project: route.project, domain: route.domain, section: "failures" };
    default:
      return { project: last?.project, domain: last?.domain, section: "executions" };
  }
}
