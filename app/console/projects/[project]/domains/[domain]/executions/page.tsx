import type { Metadata } from "next";
import { ExecutionsPage } from "@/components/executions/executions-page";
import { decodeParams } from "@/app/console/params";

type Params = { project: string; domain: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { project, domain } = await decodeParams(params);
  return { title: `Executions · ${project}/${domain}` };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  const { project, domain } = await decodeParams(params);
  return <ExecutionsPage project={project} domain={domain} />;
}
