"use client";

// "Notify me when it ends": a browser notification when the execution this page watches (through its live
// WatchExecution stream, no poll of its own) reaches a terminal phase, also from a background tab. The choice is
// kept per execution in the browser and dropped once the run has ended.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { endNotification, NOT_WATCHED, notifyChoiceKey, observePhase, permissionProblem, type NotifyPermission } from "@/lib/flyte/notify";
import { workflowPhase } from "@/lib/flyte/phases";
import { executionPath, withBasePath } from "@/lib/flyte/urls";
import { useStoredText } from "@/components/ui/use-stored-choice";

function readPermission(): NotifyPermission {
  if (!("Notification" in window)) return "unsupported";
  if (!window.isSecureContext) return "insecure";
  return Notification.permission;
}

// Permission changes (site settings, a prompt answered in another tab) arrive through the Permissions API where
// the browser has it; a click re-reads the permission anyway.
const PERMISSION_EVENT = "flyteconsole:notify-permission";
function subscribePermission(onChange: () => void) {
  window.addEventListener(PERMISSION_EVENT, onChange);
  let status: PermissionStatus | undefined;
  let gone = false;
  navigator.permissions
    ?.query({ name: "notifications" })
    .then((s) => {
      if (gone) return;
      status = s;
      s.addEventListener("change", onChange);
    })
    .catch(() => undefined);
  return () => {
    gone = true;
    window.removeEventListener(PERMISSION_EVENT, onChange);
    status?.removeEventListener("change", onChange);
  };
}

function usePermission(): NotifyPermission {
  return useSyncExternalStore(subscribePermission, readPermission, () => "default");
}

function BellIcon({ on }: { on: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill={on ? "currentColor" : "none"} stroke="currentColor" strokeWidth={1.5}>
      <path d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 13.5h13L15 10.7V7.5a5 5 0 0 0-5-5Z" strokeLinejoin="round" />
      <path d="M8 15.5a2 2 0 0 0 4 0" />
    </svg>
  );
}

/**
 * The header's "Notify me when it ends" toggle, and the notification itself. Mounted for every execution the page
 * shows; the toggle is there while the run is unfinished.
 */
export function NotifyWhenDone({ execution }: { execution: Execution }) {
  const id = { project: execution.id?.project ?? "", domain: execution.id?.domain ?? "", name: execution.id?.name ?? "" };
  const [choice, setChoice] = useStoredText(notifyChoiceKey(id));
  const permission = usePermission();
  const [asking, setAsking] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  const router = useRouter();
  const wanted = choice === "on";
  const phase = execution.closure?.phase;
  const ended = phase !== undefined && workflowPhase(phase).isTerminal;

  const watch = useRef(NOT_WATCHED);
  const latest = useRef(execution);
  useEffect(() => {
    latest.current = execution;
  });
  useEffect(() => {
    const next = observePhase(watch.current, phase, wanted);
    watch.current = next.state;
    if (next.notify && readPermission() === "granted") {
      const { title, body, tag } = endNotification(latest.current);
      const path = executionPath(id);
      try {
        const n = new Notification(title, { body, tag });
        n.onclick = () => {
          window.focus();
          n.close();
          if (window.location.pathname !== withBasePath(path)) router.push(path);
        };
      } catch {
        // Android Chrome allows notifications from service workers only; nothing to show there.
      }
    }
    // The run is over: the choice has served (or never will), so it leaves the browser's storage.
    if (ended && wanted) setChoice("");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- acts on phase and choice changes only; `id` is derived from the execution's own id
  }, [phase, wanted, ended, setChoice]);

  if (ended) return null;
  const problem = wanted ? permissionProblem(permission) : refusal;
  const on = wanted && permission === "granted";

  const toggle = async () => {
    setRefusal(undefined);
    if (on) return setChoice("");
    let now = readPermission();
    if (now === "default") {
      setAsking(true);
      try {
        now = await Notification.requestPermission();
      } finally {
        setAsking(false);
        window.dispatchEvent(new Event(PERMISSION_EVENT));
      }
    }
    if (now === "granted") return setChoice("on");
    setChoice("");
    setRefusal(permissionProblem(now) ?? "The browser was not allowed to show notifications: allow them when it asks, or in its site settings.");
  };

  return (
    <div className="flex items-center gap-2" data-testid="notify-when-done" data-state={on ? "on" : "off"}>
      <button
        type="button"
        aria-pressed={on}
        disabled={asking}
        onClick={() => void toggle()}
        title={on ? "A notification will say when this run ends; click to stop" : "Show a browser notification when this run ends, even from a background tab"}
        className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
          on ? "bg-indigo-50 text-indigo-800 ring-1 ring-inset ring-indigo-300" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
        }`}
      >
        <BellIcon on={on} />
        Notify me when it ends
      </button>
      {problem ? (
        <span role="status" data-testid="notify-problem" className="max-w-xs text-xs text-amber-800">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
