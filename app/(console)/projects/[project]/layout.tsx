import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { decodeParams } from "@/app/params";
import { loadProjectScope } from "@/lib/admin";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ project: string }> }) {
  const { project } = await decodeParams(params);
  if ((await loadProjectScope(project)).state === "no-project") notFound();
  return children;
}
