import type { Metadata } from "next";
import { ExecutionPage } from "@/components/execution/execution-page";
import { decodeParams } from "@/app/params";
import { loadExecutionPreload } from "@/lib/admin";

type Params = { project: string; domain: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await decodeParams(params);
  return { title: `Execution ${name}` };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  const { project, domain, name } = await decodeParams(params);
  const preload = await loadExecutionPreload(project, domain, name);
  return <ExecutionPage project={project} domain={domain} name={name} preload={preload} />;
}
