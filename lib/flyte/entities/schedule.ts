// A launch plan's schedule and state in words. Pure.
import { LaunchPlanState, type LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { FixedRateUnit, type Schedule } from "@/lib/gen/flyteidl/admin/schedule_pb";
import cronstrue from "cronstrue";

export interface ScheduleSummary {
  /** "Every 5 minutes", "At 02:30 UTC"; "Cron …" for an expression that does not parse. */
  text: string;
  /** A cron's raw expression, for copying; undefined for a fixed rate, whose words say it all. */
  expression?: string;
  /** The input that receives the scheduled time, when the author named one. */
  kickoffTimeInputArg?: string;
  /** A cron schedule's offset (ISO 8601 duration). */
  offset?: string;
}

const UNIT_WORDS: Record<FixedRateUnit, [string, string]> = {
  [FixedRateUnit.MINUTE]: ["minute", "minutes"],
  [FixedRateUnit.HOUR]: ["hour", "hours"],
  [FixedRateUnit.DAY]: ["day", "days"],
};

/**
 * A cron in words, with its times marked UTC (FlyteAdmin's scheduler runs in UTC). `aws` is the
 * deprecated cron_expression form (minutes hours day-of-month month day-of-week year), which
 * cronstrue reads as its seven-field form once a seconds field is put in front.
 */
function cronText(expr: string, aws = false): string {
  const trimmed = expr.trim().replace(/\s+/g, " ");
  try {
    const words = cronstrue.toString(aws ? `0 ${trimmed}` : trimmed, { use24HourTimeFormat: true });
    return words.replace(/(.*\d\d:\d\d(?::\d\d)?)/, "$1 UTC");
  } catch {
    return `Cron ${trimmed}`;
  }
}

export function describeSchedule(schedule: Schedule | undefined): ScheduleSummary | undefined {
  const e = schedule?.ScheduleExpression;
  if (!schedule || !e?.case) return undefined;
  const kickoff = schedule.kickoffTimeInputArg || undefined;
  switch (e.case) {
    case "cronExpression":
      return { text: cronText(e.value, e.value.trim().split(/\s+/).length === 6), expression: e.value, kickoffTimeInputArg: kickoff };
    case "cronSchedule":
      return {
        text: cronText(e.value.schedule),
        expression: e.value.schedule,
        offset: e.value.offset || undefined,
        kickoffTimeInputArg: kickoff,
      };
    case "rate":
      return { text: rateText(e.value.value, e.value.unit), kickoffTimeInputArg: kickoff };
  }
}

/** "Every 5 minutes"; whole hours and days in those units ("Every hour", not "Every 60 minutes"). */
function rateText(value: number, unit: FixedRateUnit): string {
  let n = value;
  let u = unit;
  if (u === FixedRateUnit.MINUTE && n > 0 && n % 60 === 0) [n, u] = [n / 60, FixedRateUnit.HOUR];
  if (u === FixedRateUnit.HOUR && n > 0 && n % 24 === 0) [n, u] = [n / 24, FixedRateUnit.DAY];
  const [one, many] = UNIT_WORDS[u] ?? ["unit", "units"];
  return n === 1 ? `Every ${one}` : `Every ${n} ${many}`;
}

export function isLaunchPlanActive(lp: LaunchPlan | undefined): boolean {
  return lp?.closure?.state === LaunchPlanState.ACTIVE;
}
