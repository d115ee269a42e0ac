// Which runs a comparison takes, in which order. Pure.
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { timestampMs } from "../time";

/** Most runs one page compares side by side. */
export const MAX_COMPARED = 4;

/**
 * The picked runs oldest first, so the baseline is the earlier run and the question answered is "what changed
 * since then"; runs not among `known` keep their picking order, after the others.
 */
export function compareOrder(picked: readonly string[], known: readonly Execution[]): string[] {
  const created = new Map(known.map((e) => [e.id?.name ?? "", timestampMs(e.closure?.createdAt) ?? Infinity]));
  return picked
    .map((name, i) => ({ name, i, t: created.get(name) ?? Infinity }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.name);
}
