// FlyteAdmin's list-filter syntax: `fn(field,value)` expressions joined with `+`,
// e.g. `eq(phase,FAILED)+gte(execution_created_at,2024-05-01T00:00:00Z)`.
// `value_in`/`value_not_in` take several values separated by `;`. A field may carry an
// entity prefix (`workflow.name`, `launch_plan.name`, `admin_tag.name`). Which fields a
// list accepts is the server's business; this module only reads and writes the syntax.

export const FILTER_FUNCTIONS = [
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "contains",
  "value_in",
  "value_not_in",
] as const;

export type FilterFunction = (typeof FILTER_FUNCTIONS)[number];

/** Functions that take a list of values (`a;b;c`); all others take exactly one. */
export const REPEATED_VALUE_FUNCTIONS: ReadonlySet<FilterFunction> = new Set(["value_in", "value_not_in"]);

export interface FilterExpression {
  fn: FilterFunction;
  /** The field as written, entity prefix included (`workflow.name`). */
  field: string;
  /** One value for single-value functions; one or more for value_in/value_not_in. */
  values: string[];
}

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
    this.name = "FilterSyntaxError";
  }
}

const FUNCTION_SET: ReadonlySet<string> = new Set(FILTER_FUNCTIONS);
const FIELD_PATTERN = /^[A-Za-z0-9_.]+$/;

function isFilterFunction(name: string): name is FilterFunction {
  return FUNCTION_SET.has(name);
}

// Split on `+` only where a new `fn(` begins, so that a `+` inside a value (a timestamp
// offset such as `+02:00`) stays part of that value. A space there counts as the `+` too: an
// unescaped `+` in a URL query (`curl '…?filters=eq(a,b)+eq(c,d)'`) arrives as a space.
function splitExpressions(source: string): string[] {
  return source.split(/(?:\+|\s+)(?=\s*[a-z_]+\()/);
}

function parseExpression(raw: string): FilterExpression {
  const text = raw.trim();
  const open = text.indexOf("(");
  if (open <= 0 || !text.endsWith(")")) {
    throw new FilterSyntaxError(`filter '${text}' is not of the form fn(field,value)`, text);
  }
  const fn = text.slice(0, open);
  if (!isFilterFunction(fn)) {
    throw new FilterSyntaxError(`unrecognized filter function: ${fn}`, text);
  }
  const body = text.slice(open + 1, -1);
  const comma = body.indexOf(",");
  if (comma < 0) {
    throw new FilterSyntaxError(`filter '${text}' has no value`, text);
  }
  const field = body.slice(0, comma).trim();
  if (!FIELD_PATTERN.test(field)) {
    throw new FilterSyntaxError(`filter '${text}' has an invalid field name '${field}'`, text);
  }
  // FlyteAdmin allows one optional space after the comma.
  const rawValue = body.slice(comma + 1).replace(/^ /, "");
  if (rawValue === "") {
    throw new FilterSyntaxError(`filter '${text}' has an empty value`, text);
  }
  const values = rawValue.split(";");
  if (!REPEATED_VALUE_FUNCTIONS.has(fn) && values.length > 1) {
    throw new FilterSyntaxError(`${fn} takes one value, got ${values.length} in '${text}'`, text);
  }
  return { fn, field, values };
}

/** Parses a filters string. The empty string is no filter. Throws FilterSyntaxError. */
export function parseFilters(source: string): FilterExpression[] {
  if (source.trim() === "") return [];
  return splitExpressions(source).map(parseExpression);
}

export type FilterValue = string | number | boolean | bigint | Date;

/*
 * What FlyteAdmin can read back (flyteadmin/pkg/manager/impl/util/filters.go): it splits the whole string on
 * every "+", matches each part with the unanchored `(.+)\((.+),\s?(.+)\)` (greedy, so the field runs to the
 * last ","; "." stops at a line break) and splits the value on ";". A value with "+", ",", ";" or a line break,
 * or an empty one, is cut or misread, so it is never written. A value starting with a space survives when one
 * more space follows the comma (`\s?` eats exactly one).
 */
const UNCARRIED: readonly [RegExp, string][] = [
  [/\+/, '"+"'],
  [/,/, '","'],
  [/;/, '";"'],
  [/[\n\r\u2028\u2029]/, "a line break"],
];

/** Why FlyteAdmin's filter syntax cannot carry `text` as one value, or undefined when it can. */
export function uncarriedInValue(text: string): string | undefined {
  if (text === "") return "an empty value";
  return UNCARRIED.find(([re]) => re.test(text))?.[1];
}

function formatValue(value: FilterValue): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  const reason = uncarriedInValue(text);
  if (reason) {
    throw new FilterSyntaxError(
      reason === "an empty value" ? "FlyteAdmin's filter syntax cannot carry an empty value" : `FlyteAdmin's filter syntax cannot carry ${reason} in a value ('${text}')`,
      text,
    );
  }
  return text;
}

/** Builds one expression; a list value is only allowed for value_in/value_not_in. */
export function filterExpression(fn: FilterFunction, field: string, value: FilterValue | readonly FilterValue[]): FilterExpression {
  const values = Array.isArray(value) ? value.map(formatValue) : [formatValue(value as FilterValue)];
  if (!FIELD_PATTERN.test(field)) throw new FilterSyntaxError(`invalid field name '${field}'`, field);
  if (values.length === 0) throw new FilterSyntaxError(`${fn}(${field}) needs at least one value`, field);
  if (!REPEATED_VALUE_FUNCTIONS.has(fn) && values.length > 1) {
    throw new FilterSyntaxError(`${fn} takes one value`, field);
  }
  return { fn, field, values };
}

/** Writes expressions in the form FlyteAdmin reads (joined with `+`); refuses values it would misread. */
export function formatFilters(expressions: readonly FilterExpression[]): string {
  return expressions
    .map((e) => {
      for (const v of e.values) formatValue(v);
      const value = e.values.join(";");
      return `${e.fn}(${e.field},${/^\s/.test(value) ? " " : ""}${value})`;
    })
    .join("+");
}

/*
 * FlyteAdmin's contains is `LIKE '%value%'` (flyteadmin/pkg/common/filters.go): "%" and "_" match more than
 * themselves (a wider answer), and "\" is Postgres' escape character (a narrower one, so never sent).
 */
const LIKE_WILDCARDS = /[%_]/;
const PIECE_BREAKS = /[+,;\n\r\u2028\u2029\\]+/;

export interface ServerFilter {
  /** What to send: the filter itself, a `contains` on a piece of its value, or nothing (every row). */
  expression?: FilterExpression;
  /** FlyteAdmin's answer is exactly the filter's; otherwise it is wider and the caller narrows the rows. */
  exact: boolean;
}

/**
 * The filter to send for `fn(field, value)` typed by a person: the filter itself when FlyteAdmin reads it as
 * meant, else `contains` on the longest piece of the value it can carry, which asks for more rows (never
 * fewer), or nothing when no piece is left.
 */
export function supersetFilter(fn: "eq" | "contains", field: string, value: string): ServerFilter {
  const likeSafe = fn === "eq" || !value.includes("\\");
  if (!uncarriedInValue(value) && likeSafe) {
    return { expression: filterExpression(fn, field, value), exact: fn === "eq" || !LIKE_WILDCARDS.test(value) };
  }
  const piece = value.split(PIECE_BREAKS).reduce((a, b) => (b.length > a.length ? b : a), "");
  return { expression: piece ? filterExpression("contains", field, piece) : undefined, exact: false };
}

/** Shorthands: `formatFilters([filters.eq("phase", "FAILED"), filters.valueIn("user", ["a", "b"])])`. */
export const filters = {
  eq: (field: string, value: FilterValue) => filterExpression("eq", field, value),
  ne: (field: string, value: FilterValue) => filterExpression("ne", field, value),
  gt: (field: string, value: FilterValue) => filterExpression("gt", field, value),
  gte: (field: string, value: FilterValue) => filterExpression("gte", field, value),
  lt: (field: string, value: FilterValue) => filterExpression("lt", field, value),
  lte: (field: string, value: FilterValue) => filterExpression("lte", field, value),
  contains: (field: string, value: FilterValue) => filterExpression("contains", field, value),
  valueIn: (field: string, values: readonly FilterValue[]) => filterExpression("value_in", field, values),
  valueNotIn: (field: string, values: readonly FilterValue[]) => filterExpression("value_not_in", field, values),
};

/**
 * Reads a FlyteAdmin duration filter value: a bare number is seconds (`90`, `1.5`);
 * otherwise a Go duration (`1h30m`, `250ms`, `2.5s`). Returns milliseconds, or undefined.
 */
export function parseFilterDurationMs(value: string): number | undefined {
  const text = value.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text) * 1000;
  const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const match = /^([+-]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (const part of match[2].matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * unitMs[part[2]];
  }
  return match[1] === "-" ? -total : total;
}

/** Reads an RFC 3339 timestamp filter value into epoch milliseconds, or undefined. */
export function parseFilterTimestampMs(value: string): number | undefined {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
