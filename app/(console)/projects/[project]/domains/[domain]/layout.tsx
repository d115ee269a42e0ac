import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { decodeParams } from "@/app/params";
import { loadProjectScope } from "@/lib/admin";

export default async function DomainLayout({ children, params }: { children: ReactNode; params: Promise<{ project: string; domain: string }> }) {
  const { project, domain } = await decodeParams(params);
  if ((await loadProjectScope(project, domain)).state === "no-domain") notFound();
  return children;
}
