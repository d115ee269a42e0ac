"use client";

// What a person can do at a gate node: approve or reject an approval, give a signal its typed value,
// or see how long a sleep has left. Values go through SignalService.SetSignal via the BFF.
import { useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { approvalLiteral, isGateWaiting, signalPrefill, sleepRemainingMs, type Gate } from "@/lib/flyte/actions";
import { emptyValueWords, formValueToLiteral } from "@/lib/flyte/literals/form";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { defaultFormValue, type FieldError, type FormValue } from "@/lib/flyte/literals/form-value";
import { formatDuration } from "@/lib/flyte/time";
import { useSetSignal } from "@/lib/query/actions";
import { setSignalRequest, useGate } from "@/lib/query/signals";
import { useRefusal, type ActionScope } from "@/lib/query/permissions";
import { ActionButton } from "@/components/actions/action-button";
import { ActionFailure, withRefusal } from "@/components/actions/action-failure";
import { LiteralField } from "@/components/launch/literal-field";
import { ActingAs } from "@/components/shell/acting-as";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useNow } from "@/components/ui/use-now";

type SignalGate = Extract<Gate, { kind: "signal" }>;
type ApproveGate = Extract<Gate, { kind: "approve" }>;

function scopeOf(ne: NodeExecution): ActionScope {
  const e = ne.id?.executionId;
  return { project: e?.project ?? "", domain: e?.domain ?? "" };
}

const AVAILABLE = { available: true } as const;

function Approval({ ne, gate }: { ne: NodeExecution; gate: ApproveGate }) {
  const setSignal = useSetSignal();
  const [confirmReject, setConfirmReject] = useState(false);
  const scope = scopeOf(ne);
  const availability = withRefusal(AVAILABLE, useRefusal("signal", scope));
  const busy = setSignal.isPending || setSignal.isSuccess;
  const send = (approved: boolean) =>
    setSignal.mutate(setSignalRequest(ne, gate.signalId, approvalLiteral(approved)), { onSuccess: () => setConfirmReject(false) });
  return (
    <>
      <p className="text-sm">
        Waiting for approval of <span className="font-mono">{gate.signalId}</span>. Approving lets the run continue; rejecting fails this node.
      </p>
      <div className="flex gap-2">
        <ActionButton variant="primary" availability={availability} busy={busy} onClick={() => send(true)} testId="gate-approve">
          Approve
        </ActionButton>
        <ActionButton variant="danger" availability={availability} busy={busy} onClick={() => setConfirmReject(true)} testId="gate-reject">
          Reject
        </ActionButton>
      </div>
      <ActingAs verb="Approving or rejecting" />
      {!confirmReject ? <ActionFailure error={setSignal.error} action="signal" scope={scope} testId="gate-error" /> : null}
      <ConfirmDialog
        open={confirmReject}
        testId="reject-dialog"
        title={`Reject ${gate.signalId}?`}
        confirmLabel="Reject"
        confirmVariant="danger"
        pending={setSignal.isPending}
        onClose={() => {
          setSignal.reset();
          setConfirmReject(false);
        }}
        onConfirm={() => send(false)}
      >
        <p className="text-sm text-slate-600">
          The node <span className="font-mono">{ne.id?.nodeId}</span> fails with a reject signal, and the execution fails with it unless the workflow handles the failure.
        </p>
        <ActingAs verb="Rejecting" />
        <ActionFailure error={setSignal.error} action="signal" scope={scope} testId="reject-dialog-error" />
      </ConfirmDialog>
    </>
  );
}

function initialValue(gate: SignalGate, linked: { signal: string | null; value: string | null }): { value: FormValue; note?: string } {
  if (linked.signal !== gate.signalId || linked.value === null) return { value: defaultFormValue(gate.type) };
  const prefill = signalPrefill(gate.type, linked.value);
  return prefill.ok ? { value: prefill.value, note: "Filled in from the link: check it, then set it." } : { value: defaultFormValue(gate.type), note: prefill.message };
}

function SignalValue({ ne, gate }: { ne: NodeExecution; gate: SignalGate }) {
  const params = useSearchParams();
  const [initial] = useState(() => initialValue(gate, { signal: params.get("signal"), value: params.get("value") }));
  const [value, setValue] = useState<FormValue>(initial.value);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [touched, setTouched] = useState(false);
  // An empty value waits here for a confirmation, as Reject does: once set, a signal cannot be taken back.
  const [confirmEmpty, setConfirmEmpty] = useState<{ literal: Literal; words: string } | undefined>();
  const setSignal = useSetSignal();
  const noteId = useId();
  const scope = scopeOf(ne);
  const refusal = useRefusal("signal", scope);

  const validate = (v: FormValue) => {
    const r = formValueToLiteral(gate.type, v);
    return r.ok ? [] : r.errors;
  };
  return (
    <>
      <form
        className="space-y-2"
        aria-describedby={initial.note ? noteId : undefined}
        onSubmit={(e) => {
          e.preventDefault();
          if (refusal) return;
          const r = formValueToLiteral(gate.type, value);
          setTouched(true);
          if (!r.ok) return setErrors(r.errors);
          const empty = emptyValueWords(value);
          if (empty) return setConfirmEmpty({ literal: r.literal, words: empty });
          setSignal.mutate(setSignalRequest(ne, gate.signalId, r.literal));
        }}
      >
        <p className="text-sm">
          Waiting for a value for <span className="font-mono">{gate.signalId}</span>.
        </p>
        {initial.note ? (
          <p id={noteId} data-testid="signal-prefill-note" className="text-xs text-amber-800">
            {initial.note}
          </p>
        ) : null}
        <LiteralField
          type={gate.type}
          name={gate.signalId}
          value={value}
          errors={touched ? errors : []}
          onChange={(v) => {
            setValue(v);
            setErrors(validate(v));
            setTouched(true);
          }}
        />
        <ActionButton
          type="submit"
          variant="primary"
          availability={withRefusal(AVAILABLE, refusal)}
          busy={setSignal.isPending || setSignal.isSuccess}
          testId="gate-set-value"
        >
          Set value
        </ActionButton>
        <ActingAs verb="Setting the value" />
        {!confirmEmpty ? <ActionFailure error={setSignal.error} action="signal" scope={scope} testId="gate-error" /> : null}
      </form>
      {/* Outside the form: the dialog has a form of its own. */}
      <ConfirmDialog
        open={!!confirmEmpty}
        testId="empty-signal-dialog"
        title={`Set ${gate.signalId} to ${confirmEmpty?.words ?? "an empty value"}?`}
        confirmLabel="Set empty value"
        pending={setSignal.isPending}
        onClose={() => {
          setSignal.reset();
          setConfirmEmpty(undefined);
        }}
        onConfirm={() => confirmEmpty && setSignal.mutate(setSignalRequest(ne, gate.signalId, confirmEmpty.literal), { onSuccess: () => setConfirmEmpty(undefined) })}
      >
        <p className="text-sm text-slate-600">
          The node <span className="font-mono">{ne.id?.nodeId}</span> gets {confirmEmpty?.words} as its value and the run continues with it; a signal
          cannot be set again.
        </p>
        <ActingAs verb="Setting the value" />
        <ActionFailure error={setSignal.error} action="signal" scope={scope} testId="empty-signal-dialog-error" />
      </ConfirmDialog>
    </>
  );
}

function Sleep({ ne, gate }: { ne: NodeExecution; gate: Extract<Gate, { kind: "sleep" }> }) {
  const now = useNow(1_000, true);
  const left = sleepRemainingMs(gate, ne, now);
  return (
    <p className="text-sm" data-testid="sleep-remaining" data-remaining-ms={left}>
      Sleeping for {formatDuration(gate.durationMs)}
      {left === undefined ? "; not started yet" : left > 0 ? `: resumes in ${formatDuration(left)}` : ": due now"}
    </p>
  );
}

/** Mounted in the node panel for every node; renders only for gates still waiting. */
export function GateNodeActions({ nodeExecution }: { nodeExecution: NodeExecution }) {
  const gate = useGate(nodeExecution);
  if (!gate || !isGateWaiting(nodeExecution)) return null;
  return (
    <section data-testid="gate-actions" data-gate-kind={gate.kind} aria-label="Gate" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-950">
      {gate.kind === "approve" ? (
        <Approval ne={nodeExecution} gate={gate} />
      ) : gate.kind === "signal" ? (
        <SignalValue ne={nodeExecution} gate={gate} />
      ) : (
        <Sleep ne={nodeExecution} gate={gate} />
      )}
    </section>
  );
}
