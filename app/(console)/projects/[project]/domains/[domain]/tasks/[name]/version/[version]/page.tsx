import type { Metadata } from "next";
import { decodeParams } from "@/app/params";
import { EntityPage } from "@/components/entities/entity-page";

type Params = { project: string; domain: string; name: string; version: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name, version } = await decodeParams(params);
  return { title: `${name} @ ${version} · Tasks` };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  const { project, domain, name, version } = await decodeParams(params);
  return <EntityPage kind="task" project={project} domain={domain} name={name} version={version} />;
}
