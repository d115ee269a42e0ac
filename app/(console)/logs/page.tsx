import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/query-state";
import { LogViewer } from "@/components/logs/log-viewer";

// /console/logs?uri=<TaskLog uri>&name=<TaskLog name>[&running=1][&line=120]: one log, full page.
type Search = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ searchParams }: { searchParams: Search }): Promise<Metadata> {
  const name = first((await searchParams).name);
  return { title: name ? `Log: ${name}` : "Log" };
}

export default async function Page({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const uri = first(params.uri);
  const name = first(params.name) || "Task log";
  if (!uri) {
    return (
      <EmptyState title="No log chosen" testId="log-page-empty">
        Open a log from a task attempt, or add <code>?uri=</code> with a TaskLog URI.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-semibold text-slate-900">{name}</h1>
      <LogViewer uri={uri} name={name} running={first(params.running) === "1"} standalone />
    </div>
  );
}
