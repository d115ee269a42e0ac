// What the ⌘K palette asks FlyteAdmin for, and how it ranks what comes back. Pure.
import { formatFilters, supersetFilter } from "../filters";

/** Shortest term worth a round trip. */
export const MIN_SEARCH_CHARS = 2;

/** FlyteAdmin filter for executions whose name contains `term` (archived ones included: a link may name one). */
export function executionNameFilter(term: string): string {
  const t = cleanTerm(term);
  const sent = t ? supersetFilter("contains", "name", t).expression : undefined;
  return sent ? formatFilters([sent]) : "";
}

/**
 * The term as searched: trimmed, otherwise as typed. What FlyteAdmin's filter syntax cannot carry is sent as a
 * piece of it (executionNameFilter, namedEntityFilter) and the answers are narrowed to names containing it.
 */
export function cleanTerm(term: string): string {
  return term.trim();
}

/**
 * Orders names by how well they match: exact, then prefix, then prefix of a dotted segment
 * (`merge` finds `core.control_flow.merge_sort`), then anywhere; shorter first within a rank.
 * Names that do not contain the term at all are dropped.
 */
export function rankByName<T>(items: readonly T[], term: string, nameOf: (item: T) => string): T[] {
  const t = term.trim().toLowerCase();
  if (!t) return [...items];
  const rank = (name: string): number => {
    const n = name.toLowerCase();
    if (n === t) return 0;
    if (n.startsWith(t)) return 1;
    if (n.split(/[._\-/]/).some((seg) => seg.startsWith(t)) || n.includes(`.${t}`)) return 2;
    return n.includes(t) ? 3 : -1;
  };
  return items
    .map((item) => ({ item, name: nameOf(item), r: rank(nameOf(item)) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.name.length - b.name.length || a.name.localeCompare(b.name))
    .map((x) => x.item);
}
