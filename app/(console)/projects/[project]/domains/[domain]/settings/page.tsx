import type { Metadata } from "next";
import { decodeParams } from "@/app/params";
import { DomainSettingsPage } from "@/components/projects/domain-settings";

type Params = { project: string; domain: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { project, domain } = await decodeParams(params);
  return { title: `Settings · ${project}/${domain}` };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  const { project, domain } = await decodeParams(params);
  return <DomainSettingsPage project={project} domain={domain} />;
}
