import type { Metadata } from "next";
import { LaunchPage } from "@/components/launch/launch-page";
import { decodeParams } from "@/app/params";
import { parseLaunchTarget } from "@/lib/flyte/launch-urls";

type Params = { project: string; domain: string };
type Search = Record<string, string | string[] | undefined>;

export const metadata: Metadata = { title: "Launch" };

export default async function Page({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { project, domain } = await decodeParams(params);
  const search = await searchParams;
  const query = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return <LaunchPage project={project} domain={domain} target={parseLaunchTarget(query)} />;
}
