import type { Metadata } from "next";
import { Suspense } from "react";
import { ProjectsPage } from "@/components/projects/projects-page";
import { LoadingRows } from "@/components/ui/query-state";

export const metadata: Metadata = { title: "Projects" };

export default function Page() {
  return (
    <Suspense fallback={<LoadingRows label="Loading projects" />}>
      <ProjectsPage />
    </Suspense>
  );
}
