"use client";

// A launch plans list row's schedule, state and on/off switch. The active version comes from the
// list's one ListActiveLaunchPlans call; a name with none active asks for its newest version (when
// the row is in view), which is what Activate switches on and whose schedule it would start.
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { describeSchedule } from "@/lib/flyte/entities/schedule";
import { useLatestLaunchPlan } from "@/lib/query/use-entity";
import { LaunchPlanStateBadge, LaunchPlanToggle } from "./launch-plan-toggle";

export function LaunchPlanRowState({
  project,
  domain,
  name,
  active,
  activesLoaded,
  inView,
}: {
  project: string;
  domain: string;
  name: string;
  /** The active version, when one is. */
  active: LaunchPlan | undefined;
  /** Whether the list of active versions has arrived (until then, nothing is said). */
  activesLoaded: boolean;
  inView: boolean;
}) {
  const latest = useLatestLaunchPlan(project, domain, name, inView && activesLoaded && !active);
  const shown = active ?? latest.data?.launchPlans[0];
  const schedule = describeSchedule(shown?.spec?.entityMetadata?.schedule);
  if (!activesLoaded || !shown) {
    return <span className="inline-block h-4 w-40 animate-pulse rounded bg-slate-100" aria-hidden data-testid="launch-plan-row-loading" />;
  }
  return (
    <div className="flex items-center justify-end gap-3" data-testid="launch-plan-row-state" data-state={active ? "ACTIVE" : "INACTIVE"}>
      <div className="min-w-0 text-right">
        <LaunchPlanStateBadge active={!!active} />
        <p className="truncate text-xs text-slate-600" data-testid="launch-plan-row-schedule" title={schedule?.expression ?? schedule?.text}>
          {schedule ? schedule.text : <span className="text-slate-500">No schedule</span>}
        </p>
      </div>
      <LaunchPlanToggle launchPlan={shown} className="w-20 justify-center px-2! py-0.5! text-xs!" testId="launch-plan-row-toggle" quiet />
    </div>
  );
}
