"use client";

// The not-found page of a project or a domain FlyteAdmin does not know: says which, links to the projects.
import { Link } from "@/components/ui/link";
import { useParams } from "next/navigation";
import { decodeParam } from "@/app/params";
import { consolePath } from "@/lib/flyte/urls";

export function ScopeNotFound({ missing }: { missing: "project" | "domain" }) {
  const params = useParams<{ project?: string; domain?: string }>();
  const project = decodeParam(params.project ?? "");
  const domain = decodeParam(params.domain ?? "");
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-testid="not-found" data-missing={missing}>
      <p className="text-sm font-medium text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">{missing === "project" ? "No such project" : "No such domain"}</h1>
      <p className="mt-2 text-slate-600">
        {missing === "project" ? (
          <>
            FlyteAdmin has no project <code className="font-mono">{project}</code>.
          </>
        ) : (
          <>
            Project <code className="font-mono">{project}</code> has no domain <code className="font-mono">{domain}</code>.
          </>
        )}
      </p>
      <Link href={consolePath({ page: "projects" })} className="mt-6 inline-block text-indigo-700 hover:underline">
        Go to the projects
      </Link>
    </div>
  );
}
