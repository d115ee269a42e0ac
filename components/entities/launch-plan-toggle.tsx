"use client";

// Switching one launch plan version on or off (UpdateLaunchPlan), after a confirmation that says what
// changes. Used by the launch plan's page and by each row of the launch plans list.
import { useState } from "react";
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { describeSchedule, isLaunchPlanActive } from "@/lib/flyte/entities/schedule";
import { launchPlanStateRequest } from "@/lib/query/entities";
import { useRefusal } from "@/lib/query/permissions";
import { useUpdateLaunchPlan } from "@/lib/query/use-entity";
import { ActionButton } from "@/components/actions/action-button";
import { ConfirmDialog } from "@/components/ui/dialog";

export function LaunchPlanToggle({
  launchPlan,
  className,
  testId = "toggle-launch-plan",
  quiet = false,
}: {
  launchPlan: LaunchPlan;
  className?: string;
  testId?: string;
  /** In a list, Activate is not the page's main action: drawn like Deactivate. */
  quiet?: boolean;
}) {
  const id = launchPlan.id!;
  const active = isLaunchPlanActive(launchPlan);
  const schedule = describeSchedule(launchPlan.spec?.entityMetadata?.schedule);
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateLaunchPlan({ onSuccess: () => setConfirming(false) });
  const refused = useRefusal("activate", { project: id.project, domain: id.domain });
  const verb = active ? "Deactivate" : "Activate";
  const what = schedule ? (active ? "Its schedule stops: no new runs start from it." : `Its schedule starts: ${schedule.text.toLowerCase()}.`) : "";
  return (
    <>
      <ActionButton
        testId={testId}
        className={className}
        variant={active || quiet ? "secondary" : "primary"}
        availability={refused ? { available: false, reason: refused } : { available: true }}
        label={`${verb} ${id.name}`}
        onClick={() => (update.reset(), setConfirming(true))}
      >
        {verb}
      </ActionButton>
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
    </>
  );
}

/** "Active" or "Inactive" as a small pill with data-state for automation. */
export function LaunchPlanStateBadge({ active }: { active: boolean }) {
  return (
    <span
      data-state={active ? "ACTIVE" : "INACTIVE"}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${active ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-slate-50 text-slate-600 ring-slate-200"}`}
    >
      <span className={`h-1.5 w-1.5 rounded-full ${active ? "bg-emerald-500" : "bg-slate-400"}`} aria-hidden />
      {active ? "Active" : "Inactive"}
    </span>
  );
}
