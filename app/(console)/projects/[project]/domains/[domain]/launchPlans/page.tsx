import type { Metadata } from "next";
import { Suspense } from "react";
import { decodeParams } from "@/app/params";
import { EntityListPage } from "@/components/entities/entity-list-page";
import { LoadingRows } from "@/components/ui/query-state";

type Params = { project: string; domain: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { project, domain } = await decodeParams(params);
  return { title: `Launch plans · ${project}/${domain}` };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  const { project, domain } = await decodeParams(params);
  return (
    <Suspense fallback={<LoadingRows label="Loading launch plans" />}>
      <EntityListPage kind="launch_plan" project={project} domain={domain} />
    </Suspense>
  );
}
