// Text ⇄ primitive values for the literal codec: exact (int64 as bigint, nanosecond timestamps and
// durations), so what a person types is what Flyte receives and a prefilled value re-sends unchanged.
import type { Duration, Timestamp } from "@bufbuild/protobuf/wkt";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function parseInteger(text: string): Parsed<bigint> {
  const t = text.trim();
  if (t === "") return { ok: false, message: "enter a whole number" };
  if (!/^[+-]?\d+$/.test(t)) return { ok: false, message: "must be a whole number" };
  const value = BigInt(t);
  if (value < INT64_MIN || value > INT64_MAX) {
    return { ok: false, message: `must be between ${INT64_MIN} and ${INT64_MAX} (64-bit)` };
  }
  return { ok: true, value };
}

export function parseFloatText(text: string): Parsed<number> {
  const t = text.trim();
  if (t === "") return { ok: false, message: "enter a number" };
  const special = t.toLowerCase().replace(/^\+/, "");
  if (special === "nan") return { ok: true, value: NaN };
  if (special === "inf" || special === "infinity") return { ok: true, value: Infinity };
  if (special === "-inf" || special === "-infinity") return { ok: true, value: -Infinity };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { ok: false, message: "must be a number" };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, message: "is too large for a 64-bit float" };
  return { ok: true, value };
}

/** Python's repr style: 1.0 stays visibly a float, nan/inf are spelled as Python spells them. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value);
}

// ---- date-times -------------------------------------------------------------------------------

const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}:?\d{2})?$/;
const DATETIME_HINT = "e.g. 2024-05-01T10:00:00+02:00";
// google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z … 9999-12-31T23:59:59.999999999Z.
const TIMESTAMP_MIN_S = -62_135_596_800n;
const TIMESTAMP_MAX_S = 253_402_300_799n;

export function parseDateTime(text: string): Parsed<{ seconds: bigint; nanos: number }> {
  const t = text.trim();
  if (t === "") return { ok: false, message: `enter a date-time with time zone (${DATETIME_HINT})` };
  const m = DATETIME_RE.exec(t);
  if (!m) return { ok: false, message: `not a valid date-time with time zone (${DATETIME_HINT})` };
  const [, y, mo, d, h, mi, s = "0", frac = "", zone] = m;
  if (!zone) return { ok: false, message: `add a time zone, Z or an offset such as +02:00 (${DATETIME_HINT})` };
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  const daysInMonth = month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `not a valid date-time with time zone (${DATETIME_HINT})` };
  }
  let offsetMin = 0;
  if (!/^[Zz]$/.test(zone)) {
    const digits = zone.replace(":", "");
    const oh = Number(digits.slice(1, 3)), om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) return { ok: false, message: `not a valid time zone offset (${DATETIME_HINT})` };
    offsetMin = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const seconds = BigInt(utc.getTime() / 1000) - BigInt(offsetMin * 60);
  if (seconds < TIMESTAMP_MIN_S || seconds > TIMESTAMP_MAX_S) {
    return { ok: false, message: "must be between years 0001 and 9999" };
  }
  return { ok: true, value: { seconds, nanos: Number(frac.padEnd(9, "0") || "0") } };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** "2024-05-01T08:00:00Z", with the fraction only when there is one (to the nanosecond). */
export function formatDateTimeUtc(ts: Pick<Timestamp, "seconds" | "nanos">): string {
  const d = new Date(Number(ts.seconds) * 1000);
  if (Number.isNaN(d.getTime())) return `${ts.seconds}s since epoch`;
  const year = d.getUTCFullYear();
  const yyyy = year >= 0 && year <= 9999 ? String(year).padStart(4, "0") : String(year);
  const base = `${yyyy}-${d.toISOString().slice(5, 19)}`;
  const frac = ts.nanos > 0 ? `.${String(ts.nanos).padStart(9, "0").replace(/0+$/, "")}` : "";
  return `${base}${frac}Z`;
}

// ---- durations -------------------------------------------------------------------------------

const NS_PER: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};
const DURATION_HINT = "e.g. 1h30m, -45s, 250ms or PT1H30M";
const DURATION_MAX_S = 315_576_000_000n;
const GO_PART_RE = /(\d+(?:\.\d*)?|\.\d+)\s*(ns|us|µs|μs|ms|s|m|h|d)/y;
const ISO_RE = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/** Accepts Go/Flyte style ("-1h30m", "1.5s", "2d 4h") and ISO 8601 ("PT1H30M", "-P1DT2H"). */
export function parseDuration(text: string): Parsed<{ seconds: bigint; nanos: number }> {
  const t = text.trim();
  if (t === "") return { ok: false, message: `enter a duration (${DURATION_HINT})` };
  const negative = t.startsWith("-");
  const body = t.replace(/^[+-]\s*/, "");
  let total: bigint | undefined;
  if (/^p/i.test(body)) {
    if (/^P[^T]*[YM]/i.test(body)) {
      return { ok: false, message: "years and months have no fixed length: use days, hours, minutes or seconds" };
    }
    total = parseIsoDuration(body);
  } else if (/^\d+(\.\d+)?$/.test(body)) {
    return { ok: false, message: `add a unit (${DURATION_HINT})` };
  } else {
    total = parseGoDuration(body);
  }
  if (total === undefined) return { ok: false, message: `not a valid duration (${DURATION_HINT})` };
  const ns = negative ? -total : total;
  const seconds = ns / 1_000_000_000n;
  if (seconds > DURATION_MAX_S || seconds < -DURATION_MAX_S) {
    return { ok: false, message: "must be within ±10,000 years" };
  }
  return { ok: true, value: { seconds, nanos: Number(ns % 1_000_000_000n) } };
}

function parseGoDuration(body: string): bigint | undefined {
  let total = 0n;
  let pos = 0;
  while (pos < body.length) {
    while (body[pos] === " ") pos++;
    if (pos >= body.length) break;
    GO_PART_RE.lastIndex = pos;
    const m = GO_PART_RE.exec(body);
    if (!m) return undefined;
    const part = decimalTimes(m[1], NS_PER[m[2]]);
    if (part === undefined) return undefined;
    total += part;
    pos = GO_PART_RE.lastIndex;
  }
  return pos === 0 ? undefined : total;
}

function parseIsoDuration(body: string): bigint | undefined {
  const m = ISO_RE.exec(body);
  if (!m || body.toUpperCase() === "P" || /T$/i.test(body)) return undefined;
  const units = [7n * NS_PER.d, NS_PER.d, NS_PER.h, NS_PER.m, NS_PER.s];
  let total = 0n;
  for (let i = 0; i < units.length; i++) {
    const v = m[i + 1];
    if (v === undefined) continue;
    const part = decimalTimes(v.replace(",", "."), units[i]);
    if (part === undefined) return undefined;
    total += part;
  }
  return total;
}

/** "1.5" × 3600e9 exactly; undefined when the fraction is finer than a nanosecond. */
function decimalTimes(decimal: string, unitNs: bigint): bigint | undefined {
  const [int = "0", frac = ""] = decimal.split(".");
  const whole = BigInt(int || "0") * unitNs;
  if (!frac) return whole;
  const scale = 10n ** BigInt(frac.length);
  const fracNs = BigInt(frac) * unitNs;
  if (fracNs % scale !== 0n) return undefined;
  return whole + fracNs / scale;
}

/** Exact and re-parseable: "-1h30m", "2d3h", "1.5s", "250ms", "0s". */
export function formatDurationExact(d: Pick<Duration, "seconds" | "nanos">): string {
  let ns = BigInt(d.seconds) * 1_000_000_000n + BigInt(d.nanos);
  if (ns === 0n) return "0s";
  const sign = ns < 0n ? "-" : "";
  if (ns < 0n) ns = -ns;
  if (ns < NS_PER.s) {
    if (ns % NS_PER.ms === 0n) return `${sign}${ns / NS_PER.ms}ms`;
    if (ns % NS_PER.us === 0n) return `${sign}${ns / NS_PER.us}us`;
    return `${sign}${ns}ns`;
  }
  let out = "";
  for (const unit of ["d", "h", "m"] as const) {
    const n = ns / NS_PER[unit];
    if (n > 0n) out += `${n}${unit}`;
    ns %= NS_PER[unit];
  }
  if (ns > 0n) {
    const whole = ns / NS_PER.s;
    const frac = ns % NS_PER.s;
    out += frac === 0n ? `${whole}s` : `${whole}.${String(frac).padStart(9, "0").replace(/0+$/, "")}s`;
  }
  return sign + out;
}

/** proto3 JSON form ("-5400s", "1.500s"): the unambiguous exact value shown beside the human one. */
export function formatDurationSeconds(d: Pick<Duration, "seconds" | "nanos">): string {
  const ns = BigInt(d.seconds) * 1_000_000_000n + BigInt(d.nanos);
  const sign = ns < 0n ? "-" : "";
  const abs = ns < 0n ? -ns : ns;
  const frac = abs % 1_000_000_000n;
  const fracText = frac === 0n ? "" : `.${String(frac).padStart(9, "0").replace(/0+$/, "")}`;
  return `${sign}${abs / 1_000_000_000n}${fracText}s`;
}
