"use client";

// A launch plan version's schedule and state, and switching it on or off.
import { Link } from "@/components/ui/link";
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { describeSchedule, isLaunchPlanActive } from "@/lib/flyte/entities/schedule";
import { entityPath } from "@/lib/flyte/urls";
import { Card, Facts } from "./card";
import { LaunchPlanStateBadge, LaunchPlanToggle } from "./launch-plan-toggle";

export function LaunchPlanCard({ launchPlan }: { launchPlan: LaunchPlan }) {
  const active = isLaunchPlanActive(launchPlan);
  const schedule = describeSchedule(launchPlan.spec?.entityMetadata?.schedule);
  const wf = launchPlan.spec?.workflowId;

  return (
    <Card title="Schedule and state" testId="launch-plan-state" actions={<LaunchPlanToggle launchPlan={launchPlan} />}>
      <Facts
        items={[
          { label: "State", testId: "launch-plan-active", value: <LaunchPlanStateBadge active={active} /> },
          {
            label: "Schedule",
            testId: "launch-plan-schedule",
            value: schedule ? (
              <span>
                {schedule.text}
                {schedule.expression ? (
                  <>
                    {" "}
                    <span className="font-mono text-xs text-slate-500">({schedule.expression}{schedule.offset ? `, offset ${schedule.offset}` : ""})</span>
                  </>
                ) : null}
                {schedule.kickoffTimeInputArg ? <span className="block text-xs text-slate-500">The scheduled time is passed as input “{schedule.kickoffTimeInputArg}”.</span> : null}
              </span>
            ) : (
              <span className="text-slate-500">None; runs start when launched</span>
            ),
          },
          ...(wf
            ? [{ label: "Workflow", value: <Link href={entityPath(wf) ?? "#"} className="font-mono text-xs text-indigo-700 hover:underline">{wf.name} · {wf.version}</Link> }]
            : []),
          ...(launchPlan.spec?.maxParallelism ? [{ label: "Max parallelism", value: String(launchPlan.spec.maxParallelism) }] : []),
        ]}
      />
    </Card>
  );
}
