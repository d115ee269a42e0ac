import type { Metadata } from "next";
import { decodeParams } from "@/app/params";
import { MAX_COMPARED } from "@/lib/flyte/compare/runs";
import { parseRunList } from "@/lib/flyte/urls";
import { loadExecutionPreload } from "@/lib/admin";
import { ComparePage } from "@/components/compare/compare-page";

type Params = { project: string; domain: string };
type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { project, domain } = await decodeParams(params);
  return { title: `Compare runs · ${project}/${domain}` };
}

export default async function Page({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { project, domain } = await decodeParams(params);
  const raw = (await searchParams).runs;
  const runs = parseRunList(Array.isArray(raw) ? raw.join(",") : raw);
  // Each run as its execution page would start (execution, workflow, node executions), fetched side by side
  // within the execution page's budget and streamed to the page when they come: the browser loads its
  // scripts meanwhile, then asks for none of it.
  const compared = runs.slice(0, MAX_COMPARED);
  const preloads = compared.length >= 2 ? Promise.all(compared.map((name) => loadExecutionPreload(project, domain, name))) : undefined;
  return <ComparePage project={project} domain={domain} runs={runs} preloads={preloads} />;
}
