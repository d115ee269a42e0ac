import type { Metadata } from "next";
import { decodeParams } from "@/app/params";
import { EntityPage } from "@/components/entities/entity-page";

type Params = { project: string; domain: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await decodeParams(params);
  return { title: `${name} · Launch plans` };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  const { project, domain, name } = await decodeParams(params);
  return <EntityPage kind="launch_plan" project={project} domain={domain} name={name} />;
}
