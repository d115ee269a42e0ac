import type { Metadata } from "next";
import { decodeParams } from "@/app/params";
import { parseRunList } from "@/lib/flyte/urls";
import { ComparePage } from "@/components/compare/compare-page";

type Params = { project: string; domain: string };
type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { project, domain } = await decodeParams(params);
  return { title: `Compare runs · ${project}/${domain}` };
}

export default async function Page({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { project, domain } = await decodeParams(params);
  const runs = (await searchParams).runs;
  return <ComparePage project={project} domain={domain} runs={parseRunList(Array.isArray(runs) ? runs.join(",") : runs)} />;
}
