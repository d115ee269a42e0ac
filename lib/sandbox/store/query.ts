// Turns a list request's filters, sort and page into SQL for one resource table.
// Each resource names the fields it accepts; anything else is a QueryError, which
// the services answer with InvalidArgument, as FlyteAdmin does.
import type { DescEnum } from "@bufbuild/protobuf";
import { parseFilterDurationMs, parseFilterTimestampMs, type FilterExpression } from "@/lib/flyte/filters";
import { parseAdminFilters } from "./filterGrammar";
import { QueryError } from "./query-error";
import { Sort_Direction, type Sort } from "@/lib/gen/flyteidl/admin/common_pb";

export { QueryError } from "./query-error";

export type SqlValue = string | number;

export interface FieldSpec {
  /** SQL expression the filter applies to, e.g. `e.phase`. */
  column: string;
  /** The stored form of a filter value, or undefined when the value is not valid for the field. */
  read: (raw: string) => SqlValue | undefined;
  /** What a valid value looks like, for error messages. */
  expects: string;
  /** Fields in a side table (tags): the condition is wrapped as `EXISTS (… AND <condition>)`. */
  exists?: (condition: string) => string;
}

export interface ListSpec {
  /** Human name of the resource, for error messages. */
  resource: string;
  fields: Record<string, FieldSpec>;
  /**
   * Sort keys FlyteAdmin accepts (its model's column names, nothing else) → SQL expression; `null` for a
   * column the sandbox does not keep (a blob, a row id elsewhere): every row sorts as equal on it and the
   * tie-breaker orders them.
   */
  sortKeys: Record<string, string | null>;
  /** FlyteAdmin's method name in its error for a bad page token (`ListNodeExecutions`). */
  listMethod?: string;
  defaultSort: { column: string; descending: boolean };
  /** A unique column appended to every ORDER BY so pages never overlap. */
  tieBreaker: string;
  /** The primary entity's own prefix (`execution.`): accepted, but left out of error messages. */
  aliasPrefix?: string;
}

// ---- value readers -------------------------------------------------------------

export const text = (column: string): FieldSpec => ({ column, read: (raw) => raw, expects: "text" });

export const timestamp = (column: string): FieldSpec => ({
  column,
  read: parseFilterTimestampMs,
  expects: "an RFC 3339 timestamp (2024-05-01T00:00:00Z)",
});

export const duration = (column: string): FieldSpec => ({
  column,
  read: parseFilterDurationMs,
  expects: "seconds (90) or a duration (1h30m)",
});

/** An integer column; with an enum, its value names are accepted too (`MANUAL`, `EXECUTION_ARCHIVED`). */
export function integer(column: string, values?: DescEnum): FieldSpec {
  return {
    column,
    read: (raw) => {
      if (/^-?\d+$/.test(raw.trim())) return Number(raw);
      return values?.values.find((v) => v.name === raw.trim().toUpperCase())?.number;
    },
    expects: values ? `a number or one of ${values.values.map((v) => v.name).join(", ")}` : "an integer",
  };
}

/** A phase column holding enum names; numbers are accepted and turned into names. */
export function phase(column: string, values: DescEnum): FieldSpec {
  return {
    column,
    read: (raw) => {
      const value = raw.trim();
      if (/^\d+$/.test(value)) return values.values.find((v) => v.number === Number(value))?.name;
      return values.values.find((v) => v.name === value.toUpperCase())?.name;
    },
    expects: `one of ${values.values.map((v) => v.name).join(", ")}`,
  };
}

// ---- filters -------------------------------------------------------------------

export interface SqlFragment {
  where: string[];
  params: SqlValue[];
}

function condition(expr: FilterExpression, column: string, values: SqlValue[]): { sql: string; params: SqlValue[] } {
  switch (expr.fn) {
    case "eq":
      return { sql: `${column} = ?`, params: values };
    case "ne":
      return { sql: `${column} <> ?`, params: values };
    case "gt":
      return { sql: `${column} > ?`, params: values };
    case "gte":
      return { sql: `${column} >= ?`, params: values };
    case "lt":
      return { sql: `${column} < ?`, params: values };
    case "lte":
      return { sql: `${column} <= ?`, params: values };
    // Case-sensitive like Postgres' LIKE, which FlyteAdmin uses.
    case "contains":
      return { sql: `instr(${column}, ?) > 0`, params: values };
    case "value_in":
    case "value_not_in":
      return {
        sql: `${column} ${expr.fn === "value_in" ? "IN" : "NOT IN"} (${values.map(() => "?").join(", ")})`,
        params: values,
      };
  }
}

/** Parses a FlyteAdmin filters string into SQL conditions on this resource's columns. */
export function filtersToSql(filters: string, spec: ListSpec): SqlFragment {
  const expressions = parseAdminFilters(filters);
  const out: SqlFragment = { where: [], params: [] };
  for (const expr of expressions) {
    const field = spec.fields[expr.field];
    if (!field) {
      const known = Object.keys(spec.fields)
        .filter((k) => !spec.aliasPrefix || !k.startsWith(spec.aliasPrefix))
        .sort()
        .join(", ");
      throw new QueryError(`'${expr.field}' is not a valid filter field for ${spec.resource} (valid: ${known})`);
    }
    const values = expr.values.map((raw) => {
      const value = field.read(raw);
      if (value === undefined) {
        throw new QueryError(`invalid value '${raw}' for filter field '${expr.field}': expected ${field.expects}`);
      }
      return value;
    });
    if (expr.fn === "contains" && values.some((v) => typeof v !== "string")) {
      throw new QueryError(`contains is only valid on text fields, not '${expr.field}'`);
    }
    if (field.exists) {
      // On a side table, negations mean "has no matching row", which is what a person filtering by tag wants.
      const negated = expr.fn === "ne" || expr.fn === "value_not_in";
      const positive: FilterExpression = negated ? { ...expr, fn: expr.fn === "ne" ? "eq" : "value_in" } : expr;
      const inner = condition(positive, field.column, values);
      out.where.push(`${negated ? "NOT " : ""}${field.exists(inner.sql)}`);
      out.params.push(...inner.params);
    } else {
      const c = condition(expr, field.column, values);
      out.where.push(c.sql);
      out.params.push(...c.params);
    }
  }
  return out;
}

// ---- sort and page -------------------------------------------------------------

/**
 * ORDER BY for a request's sort, with FlyteAdmin's answers: no sort → the resource's default order; a key
 * that is not one of its columns (an empty one too) → "invalid sort key '…'". FlyteAdmin orders by the key
 * alone; the sandbox appends its unique tie-breaker, so rows equal on the key keep one order across pages.
 */
export function orderBySql(sort: Sort | undefined, spec: ListSpec): string {
  if (!sort) {
    const dir = spec.defaultSort.descending ? "DESC" : "ASC";
    return `${spec.defaultSort.column} ${dir}, ${spec.tieBreaker} ${dir}`;
  }
  if (!Object.hasOwn(spec.sortKeys, sort.key)) throw new QueryError(`invalid sort key '${sort.key}'`);
  if (sort.direction !== Sort_Direction.ASCENDING && sort.direction !== Sort_Direction.DESCENDING) {
    throw new QueryError(`invalid sort order specified: key:"${sort.key}" direction:${sort.direction}`);
  }
  const dir = sort.direction === Sort_Direction.ASCENDING ? "ASC" : "DESC";
  return `${spec.sortKeys[sort.key] ?? "NULL"} ${dir}, ${spec.tieBreaker} ${dir}`;
}

export interface Page {
  limit: number;
  offset: number;
}

const INT64_MAX = 9_223_372_036_854_775_807n;

/**
 * FlyteAdmin's page token is the offset of the next row, as a decimal string it reads with Go's
 * strconv.Atoi (flyteadmin/pkg/manager/impl/validation/validation.go ValidateToken): past int64 it is
 * InvalidArgument. SQLite takes an integer OFFSET only, so an offset past every row JavaScript can
 * count (and so past every row there is) is asked as Number.MAX_SAFE_INTEGER: an empty last page.
 */
export function pageFromRequest(limit: number, token: string, listMethod?: string): Page {
  let offset = 0;
  if (token !== "") {
    if (!/^\d+$/.test(token) || BigInt(token) > INT64_MAX) {
      throw new QueryError(listMethod ? `invalid pagination token ${token} for ${listMethod}` : `invalid pagination token '${token}'`);
    }
    offset = Math.min(Number(token), Number.MAX_SAFE_INTEGER);
  }
  return { limit, offset };
}

/** Runs `SELECT … LIMIT limit+1` results through this to get the page and the next token. */
export function pageResult<T>(rows: T[], page: Page): { items: T[]; token: string } {
  if (rows.length > page.limit) {
    return { items: rows.slice(0, page.limit), token: String(page.offset + page.limit) };
  }
  return { items: rows, token: "" };
}
