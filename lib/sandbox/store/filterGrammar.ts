// FlyteAdmin's filter grammar, exactly (flyteadmin/pkg/manager/impl/util/filters.go): the string is split
// on every '+', each part must match `(.+)\((.+),\s?(.+)\)` (unanchored and greedy: the field runs to the
// last ',', the value to the last ')'), and a value splits on ';'. The console's own parser
// (lib/flyte/filters) is friendlier to what people type; the sandbox must refuse what FlyteAdmin refuses.
import { FILTER_FUNCTIONS, REPEATED_VALUE_FUNCTIONS, type FilterExpression, type FilterFunction } from "@/lib/flyte/filters";
import { QueryError } from "./query-error";

const EXPRESSION = /(.+)\((.+),\s?(.+)\)/;
const FUNCTIONS: ReadonlySet<string> = new Set(FILTER_FUNCTIONS);

export function parseAdminFilters(source: string): FilterExpression[] {
  if (source === "") return [];
  return source.split("+").map((part) => {
    const m = EXPRESSION.exec(part);
    if (!m) throw new QueryError(`invalid value for filters: '${part}' is not of the form fn(field,value)`);
    const [, fn, field, value] = m;
    if (!FUNCTIONS.has(fn)) throw new QueryError(`unrecognized filter function: ${fn}`);
    const values = value.split(";");
    if (values.length > 1 && !REPEATED_VALUE_FUNCTIONS.has(fn as FilterFunction)) {
      throw new QueryError(`${fn} takes one value, got ${values.length} in '${part}'`);
    }
    return { fn: fn as FilterFunction, field, values };
  });
}
