// What the ⌘K palette asks FlyteAdmin for, and how it ranks what comes back. Pure.
import { formatFilters, supersetFilter } from "../filters";
import { isSystemGenerated } from "./entity-filters";

/** Shortest term worth a round trip. */
export const MIN_SEARCH_CHARS = 2;

/**
 * FlyteAdmin filter for executions whose name contains `term` (archived ones included: a link may name one).
 * FlyteAdmin accepts only lower-case execution names (`^[a-z][a-z\-0-9]*$`) while its `contains` is a
 * case-sensitive LIKE, so the term goes lower-cased: "F8A1" finds f8a1….
 */
export function executionNameFilter(term: string): string {
  const t = cleanTerm(term).toLowerCase();
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

/** Whether `name` contains the term, case aside: what the palette matches (FlyteAdmin's own filter cannot). */
export function containsIgnoringCase(term: string, name: string): boolean {
  const t = term.trim().toLowerCase();
  return !t || name.toLowerCase().includes(t);
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

/**
 * The names of one kind the palette offers for `term`, best first: those of the scope's list (`listed`) that
 * contain it case aside, plus FlyteAdmin's own matches for the term as typed (`typed`, asked for only when the
 * list was cut short), without the workflows flytekit generates for single tasks.
 */
export function paletteNames(term: string, listed: readonly string[], typed: readonly string[] = []): string[] {
  const exact = term.trim();
  const names = new Set([...listed.filter((n) => containsIgnoringCase(term, n)), ...typed.filter((n) => n.includes(exact))]);
  return rankByName([...names].filter((n) => n && !isSystemGenerated(n)), term, (n) => n);
}
