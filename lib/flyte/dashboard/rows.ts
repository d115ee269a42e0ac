// Pages of executions as one list of rows. Pure.
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";

/**
 * Flattens pages, keeping the first copy of each execution: FlyteAdmin pages by offset, so a run
 * created while a person scrolls shifts the next page by one and would repeat a row.
 */
export function uniqueExecutions(pages: readonly { executions: readonly Execution[] }[]): Execution[] {
  const seen = new Set<string>();
  const out: Execution[] = [];
  for (const page of pages) {
    for (const e of page.executions) {
      const key = `${e.id?.project}/${e.id?.domain}/${e.id?.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}
