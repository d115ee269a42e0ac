// A launch plan's schedule and state in words. Pure.
import { LaunchPlanState, type LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { FixedRateUnit, type Schedule } from "@/lib/gen/flyteidl/admin/schedule_pb";

export interface ScheduleSummary {
  /** "Every 5 minutes", "Cron 0 * * * *". */
  text: string;
  /** The raw expression, for copying. */
  expression: string;
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

// The handful of cron macros and shapes people actually write, in words.
const CRON_WORDS: Record<string, string> = {
  "@hourly": "Every hour",
  "@daily": "Every day at midnight",
  "@midnight": "Every day at midnight",
  "@weekly": "Every week",
  "@monthly": "Every month",
  "@yearly": "Every year",
  "@annually": "Every year",
  "* * * * *": "Every minute",
  "0 * * * *": "Every hour",
  "0 0 * * *": "Every day at 00:00 UTC",
};

function cronText(expr: string): string {
  const trimmed = expr.trim().replace(/\s+/g, " ");
  if (CRON_WORDS[trimmed]) return CRON_WORDS[trimmed];
  const everyN = /^\*\/(\d+) \* \* \* \*$/.exec(trimmed);
  if (everyN) return `Every ${everyN[1]} minutes`;
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(trimmed);
  if (daily) return `Every day at ${daily[2].padStart(2, "0")}:${daily[1].padStart(2, "0")} UTC`;
  const weekdays = /^(\d{1,2}) (\d{1,2}) \* \* (?:1-5|MON-FRI)$/i.exec(trimmed);
  if (weekdays) return `Weekdays at ${weekdays[2].padStart(2, "0")}:${weekdays[1].padStart(2, "0")} UTC`;
  return `Cron ${trimmed}`;
}

export function describeSchedule(schedule: Schedule | undefined): ScheduleSummary | undefined {
  const e = schedule?.ScheduleExpression;
  if (!schedule || !e?.case) return undefined;
  const kickoff = schedule.kickoffTimeInputArg || undefined;
  switch (e.case) {
    case "cronExpression":
      return { text: cronText(e.value), expression: e.value, kickoffTimeInputArg: kickoff };
    case "cronSchedule":
      return {
        text: cronText(e.value.schedule),
        expression: e.value.schedule,
        offset: e.value.offset || undefined,
        kickoffTimeInputArg: kickoff,
      };
    case "rate": {
      const [one, many] = UNIT_WORDS[e.value.unit] ?? ["unit", "units"];
      const text = e.value.value === 1 ? `Every ${one}` : `Every ${e.value.value} ${many}`;
      return { text, expression: `${e.value.value} ${many}`, kickoffTimeInputArg: kickoff };
    }
  }
}

export function isLaunchPlanActive(lp: LaunchPlan | undefined): boolean {
  return lp?.closure?.state === LaunchPlanState.ACTIVE;
}
