// The issue's targets, in its table's order: each section fills in its figures, and `npm run bench`
// ends with one table of them all, PASS or MISS (cold unless the target says otherwise).
import { cpus, loadavg } from "node:os";
import { printTable } from "./stats";

export interface TargetRow {
  figure: string;
  target: string;
  /** The figure the verdict is on (cold, unless the target is not about loading). */
  cold?: string;
  warm?: string;
  pass?: boolean;
  note?: string;
}

const ISSUE_TARGETS: { key: string; figure: string; target: string }[] = [
  { key: "header-small", figure: "small execution: header shown", target: "≤ 400 ms" },
  { key: "drawn-1000", figure: "1,000 nodes: every node drawn with its phase", target: "≤ 1.0 s" },
  { key: "drawn-5000", figure: "5,000 nodes: every node drawn with its phase", target: "≤ 2.0 s" },
  { key: "drawn-10000", figure: "10,000 nodes: every node drawn with its phase", target: "≤ 4.0 s" },
  { key: "pan-10000-out", figure: "10,000 nodes: pan p95 frame, zoomed out (fit)", target: "≤ 20 ms" },
  { key: "pan-10000-in", figure: "10,000 nodes: pan p95 frame, zoomed in (zoom 1)", target: "≤ 20 ms" },
  { key: "js", figure: "JS transferred before the graph draws (1,000 nodes)", target: "≤ 250 KB gz" },
  { key: "live", figure: "live change → colour, p95 over all changed nodes", target: "≤ 1.0 s" },
  { key: "dashboard", figure: "dashboard at 10,000 executions: first rows (p50)", target: "≤ 500 ms" },
  { key: "compare-1000", figure: "compare two 1,000-node runs: ready, graph drawn", target: "≤ 2.0 s" },
];

const rows = new Map<string, TargetRow>();

export function recordTarget(key: string, row: Omit<TargetRow, "figure" | "target">) {
  const known = ISSUE_TARGETS.find((t) => t.key === key);
  if (!known) throw new Error(`no target ${key}`);
  rows.set(key, { figure: known.figure, target: known.target, ...row });
}

export const verdict = (pass: boolean | undefined) => (pass === undefined ? "—" : pass ? "PASS" : "MISS");

/** The closing table; figures of sections not run say so. */
export function printTargets(): TargetRow[] {
  const all = ISSUE_TARGETS.map((t) => rows.get(t.key) ?? { figure: t.figure, target: t.target, note: "section not run" });
  const load = loadavg().map((x) => x.toFixed(1)).join(" / ");
  console.log(`\nTargets (issues 12 and 15): cold unless the target says otherwise; ${cpus().length} CPUs shared with other work (load average now ${load} over 1 / 5 / 15 min)`);
  printTable(
    ["figure", "cold", "warm", "target", "", "note"],
    all.map((r) => [r.figure, r.cold ?? "—", r.warm ?? "—", r.target, verdict(r.pass), r.note ?? ""]),
  );
  return all;
}
