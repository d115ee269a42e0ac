// Actions FlyteAdmin refused (PermissionDenied from its RBAC), remembered per action kind, project
// and domain for the rest of the page session, so read-only users see those actions disabled with
// the reason instead of trying again. Kept in memory only: a reload asks FlyteAdmin afresh.
import { Code, ConnectError } from "@connectrpc/connect";
import { useSyncExternalStore } from "react";

export type GuardedAction = "launch" | "terminate" | "recover" | "archive" | "signal" | "activate";

export interface ActionScope {
  project: string;
  domain: string;
}

const WHAT: Record<GuardedAction, string> = {
  launch: "launch executions",
  terminate: "terminate executions",
  recover: "recover executions",
  archive: "archive or unarchive executions",
  signal: "approve, reject or set signals",
  activate: "activate or deactivate launch plans",
};

/** "You may not terminate executions in flytesnacks/development". */
export function refusalLead(action: GuardedAction, scope: ActionScope): string {
  return `You may not ${WHAT[action]} in ${scope.project}/${scope.domain}`;
}

/** The lead and FlyteAdmin's own words: the disabled action's description. */
export function refusalText(action: GuardedAction, scope: ActionScope, message: string): string {
  return `${refusalLead(action, scope)}: ${message || "FlyteAdmin refused it"}`;
}

// The BFF's same-origin check answers PermissionDenied too (lib/admin/origin.ts); that is about the
// request, not the person's role, so it is shown as an ordinary failure and never remembered.
const SAME_ORIGIN_REFUSAL = /cross-origin mutation refused|mutations must come from the console's own pages|malformed Origin header/;

/** The error, when it is FlyteAdmin refusing the person (RBAC); undefined for anything else. */
export function roleRefusal(error: unknown): ConnectError | undefined {
  if (!(error instanceof ConnectError) || error.code !== Code.PermissionDenied) return undefined;
  return SAME_ORIGIN_REFUSAL.test(error.rawMessage) ? undefined : error;
}

const refused = new Map<string, string>();
let version = 0;
const listeners = new Set<() => void>();
const keyOf = (action: GuardedAction, scope: ActionScope) => `${action}\u0000${scope.project}\u0000${scope.domain}`;

export const refusals = {
  /** The reason text when `action` was refused in `scope` during this page session. */
  reason(action: GuardedAction, scope: ActionScope): string | undefined {
    const message = refused.get(keyOf(action, scope));
    return message === undefined ? undefined : refusalText(action, scope, message);
  },
  /** Remembers a role refusal; returns whether `error` was one. */
  remember(action: GuardedAction, scope: ActionScope, error: unknown): boolean {
    const ce = roleRefusal(error);
    if (!ce) return false;
    refused.set(keyOf(action, scope), ce.rawMessage);
    version++;
    for (const l of listeners) l();
    return true;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Tests only: a fresh page. */
  reset() {
    refused.clear();
    version++;
    for (const l of listeners) l();
  },
};

const getVersion = () => version;

/** Why `action` is off in `scope` (FlyteAdmin refused it earlier on this page), or undefined. */
export function useRefusal(action: GuardedAction, scope: ActionScope): string | undefined {
  useSyncExternalStore(refusals.subscribe, getVersion, getVersion);
  return refusals.reason(action, scope);
}
