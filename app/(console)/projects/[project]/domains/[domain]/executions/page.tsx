import type { Metadata } from "next";
import { ExecutionsPage } from "@/components/executions/executions-page";
import { decodeParams } from "@/app/params";
import { loadFirstPage } from "@/lib/admin";

type Params = { project: string; domain: string };
type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { project, domain } = await decodeParams(params);
  return { title: `Executions · ${project}/${domain}` };
}

export default async function Page({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { project, domain } = await decodeParams(params);
  const firstPage = await loadFirstPage(project, domain, await searchParams);
  return <ExecutionsPage project={project} domain={domain} firstPage={firstPage} />;
}
