"use client";

// A launch plan version's schedule and state, and switching it on or off (UpdateLaunchPlan), confirmed.
import Link from "next/link";
import { useState } from "react";
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { describeSchedule, isLaunchPlanActive } from "@/lib/flyte/entities/schedule";
import { entityPath } from "@/lib/flyte/urls";
import { launchPlanStateRequest } from "@/lib/query/entities";
import { useUpdateLaunchPlan } from "@/lib/query/use-entity";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Card, Facts } from "./card";

export function LaunchPlanCard({ launchPlan }: { launchPlan: LaunchPlan }) {
  const id = launchPlan.id!;
  const active = isLaunchPlanActive(launchPlan);
  const schedule = describeSchedule(launchPlan.spec?.entityMetadata?.schedule);
  const wf = launchPlan.spec?.workflowId;
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateLaunchPlan({ onSuccess: () => setConfirming(false) });
  const verb = active ? "Deactivate" : "Activate";
  const what = schedule ? (active ? "Its schedule stops: no new runs start from it." : `Its schedule starts: ${schedule.text.toLowerCase()}.`) : "";

  return (
    <Card
      title="Schedule and state"
      testId="launch-plan-state"
      actions={
        <Button variant={active ? "secondary" : "primary"} onClick={() => (update.reset(), setConfirming(true))} data-testid="toggle-launch-plan">
          {verb}
        </Button>
      }
    >
      <Facts
        items={[
          {
            label: "State",
            testId: "launch-plan-active",
            value: (
              <span data-state={active ? "ACTIVE" : "INACTIVE"} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${active ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-slate-50 text-slate-600 ring-slate-200"}`}>
                <span className={`h-1.5 w-1.5 rounded-full ${active ? "bg-emerald-500" : "bg-slate-400"}`} aria-hidden />
                {active ? "Active" : "Inactive"}
              </span>
            ),
          },
          {
            label: "Schedule",
            testId: "launch-plan-schedule",
            value: schedule ? (
              <span>
                {schedule.text} <span className="font-mono text-xs text-slate-500">({schedule.expression}{schedule.offset ? `, offset ${schedule.offset}` : ""})</span>
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
      <ConfirmDialog
        open={confirming}
        title={`${verb} ${id.name}?`}
        confirmLabel={verb}
        confirmVariant={active ? "danger" : "primary"}
        pending={update.isPending}
        error={update.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => update.mutate(launchPlanStateRequest({ project: id.project, domain: id.domain, name: id.name, version: id.version }, !active))}
        testId="launch-plan-confirm"
      >
        <p className="text-sm text-slate-700">
          Version <span className="font-mono">{id.version}</span> becomes {active ? "inactive" : "the active version; any other active version of this launch plan is deactivated"}. {what}
        </p>
      </ConfirmDialog>
    </Card>
  );
}
