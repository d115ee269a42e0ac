import type { Metadata } from "next";
import { decodeParams } from "@/app/params";
import { FailuresPage } from "@/components/triage/failures-page";

type Params = { project: string; domain: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { project, domain } = await decodeParams(params);
  return { title: `Failures · ${project}/${domain}` };
}

// Rendered per request: the filters are in the query string the page reads in the browser.
export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<Params> }) {
  const { project, domain } = await decodeParams(params);
  return <FailuresPage project={project} domain={domain} />;
}
