"use client";

// A modal confirmation on the native <dialog>: the browser traps focus, makes the page behind inert,
// closes on Escape and gives it the dialog role. Confirming is a form submit, so Enter works too.
import { Code, ConnectError } from "@connectrpc/connect";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";
import { errorTitle } from "./query-state";

/** An error from an action, next to it, in FlyteAdmin's words. */
export function ActionError({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const ce = ConnectError.from(error);
  return (
    <div role="alert" data-testid={testId} data-code={Code[ce.code]} className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="font-semibold">{errorTitle(error)}</p>
      {ce.rawMessage ? <p className="mt-0.5 break-words">{ce.rawMessage}</p> : null}
    </div>
  );
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  confirmVariant = "primary",
  confirmDisabled = false,
  pending = false,
  error,
  onConfirm,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  confirmVariant?: "primary" | "danger";
  confirmDisabled?: boolean;
  /** While the request is in flight: confirm is off (no double submit) and Escape does not close. */
  pending?: boolean;
  error?: unknown;
  onConfirm(): void;
  onClose(): void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onClose();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50"
    >
      {open ? (
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            if (!pending && !confirmDisabled) onConfirm();
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children}
          <ActionError error={error} testId={testId ? `${testId}-error` : undefined} />
          <div className="flex justify-end gap-2">
            <Button onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant={confirmVariant} disabled={pending || confirmDisabled} aria-busy={pending}>
              {pending ? `${confirmLabel}…` : confirmLabel}
            </Button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
