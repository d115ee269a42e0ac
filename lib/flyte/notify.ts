// "Notify me when it ends": when a watched execution's end is worth a notification, and what it says. Pure.
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { errorHeadline } from "./error-line";
import { summarizeExecution } from "./execution";
import { workflowPhase } from "./phases";
import { formatDuration } from "./time";

/** localStorage key of the choice for one execution (kept per browser, shared by its tabs). */
export function notifyChoiceKey(id: { project: string; domain: string; name: string }): string {
  return `flyteconsole.notify.${id.project}/${id.domain}/${id.name}`;
}

/**
 * What a page watching one execution remembers between phase changes. `sawRunning`: the page saw it unfinished
 * (a run already over when the page opened never notifies); `fired`: it notified already (once per page).
 */
export interface NotifyWatch {
  sawRunning: boolean;
  fired: boolean;
}

export const NOT_WATCHED: NotifyWatch = { sawRunning: false, fired: false };

/**
 * The next state after seeing `phase` (undefined: not known yet), and whether to notify now: the execution
 * ended after this page saw it run, the person asked for it, and it has not notified before.
 */
export function observePhase(state: NotifyWatch, phase: number | undefined, wanted: boolean): { state: NotifyWatch; notify: boolean } {
  if (phase === undefined) return { state, notify: false };
  if (!workflowPhase(phase).isTerminal) return { state: state.sawRunning ? state : { ...state, sawRunning: true }, notify: false };
  const notify = wanted && state.sawRunning && !state.fired;
  return { state: notify ? { ...state, fired: true } : state, notify };
}

export interface EndNotification {
  title: string;
  body: string;
  /** Notifications of one execution replace each other (two tabs watching it show one). */
  tag: string;
}

/** "wf_name · exec-name succeeded", then how long it ran and, if it failed, its error's last line. */
export function endNotification(execution: Execution): EndNotification {
  const s = summarizeExecution(execution);
  const phase = workflowPhase(s.phase);
  const what = s.workflowName ? `${s.workflowName} · ${s.name}` : s.name;
  const lines = [`Ran ${formatDuration(s.durationMs)}`];
  const error = s.error ? errorHeadline(s.error.message).line : "";
  if (error) lines.push(error);
  else if (s.abortCause) lines.push(s.abortCause);
  return { title: `${what} ${phase.label.toLowerCase()}`, body: lines.join("\n"), tag: notifyChoiceKey(s) };
}

/** Whether the browser can notify at all, and if so what the person has allowed. */
export type NotifyPermission = "unsupported" | "insecure" | NotificationPermission;

/** What to tell someone who asked to be notified but cannot be; undefined when nothing stands in the way. */
export function permissionProblem(permission: NotifyPermission): string | undefined {
  switch (permission) {
    case "unsupported":
      return "This browser cannot show notifications.";
    case "insecure":
      return "Browsers show notifications only to pages served over HTTPS (or from localhost).";
    case "denied":
      return "Notifications are blocked for this site: allow them in the browser's site settings, then turn this on again.";
    default:
      return undefined;
  }
}
