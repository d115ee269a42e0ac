"use client";

// An action's failure next to it: FlyteAdmin's PermissionDenied as "You may not … : <its words>",
// anything else as the usual error. Actions refused earlier on the page render disabled (withRefusal).
import type { Availability } from "@/lib/flyte/actions/availability";
import { refusalLead, roleRefusal, type ActionScope, type GuardedAction } from "@/lib/query/permissions";
import { ActionError } from "@/components/ui/dialog";

export function ActionFailure({ error, action, scope, testId }: { error: unknown; action: GuardedAction; scope: ActionScope; testId?: string }) {
  if (!error) return null;
  const refusal = roleRefusal(error);
  if (!refusal) return <ActionError error={error} testId={testId} />;
  return (
    <div role="alert" data-testid={testId} data-code="PermissionDenied" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="break-words">
        <span className="font-semibold">{refusalLead(action, scope)}:</span> {refusal.rawMessage || "FlyteAdmin refused it"}
      </p>
    </div>
  );
}

/** An available action turned off with the refusal as its reason; other states stay as they are. */
export function withRefusal<A extends Availability>(availability: A, refusal: string | undefined): A | (A & { available: false; reason: string }) {
  return availability.available && refusal ? { ...availability, available: false, reason: refusal } : availability;
}
