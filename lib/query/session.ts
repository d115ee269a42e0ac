"use client";

// Who is signed in (ConsoleService.GetSession): FlyteAdmin's UserInfo for the caller, and where to
// sign in and out. A console without sign-in (auth_enabled false, or a BFF that does not know
// GetSession) shows nothing of it.
import { Code, ConnectError } from "@connectrpc/connect";
import { useQuery } from "@connectrpc/connect-query";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { UserInfoResponse } from "@/lib/gen/flyteidl/service/identity_pb";
import { actorLabel } from "@/lib/flyte/identity";
import { SIGN_IN_URL_HEADER } from "@/lib/flyte/sign-in";
import { useHydrated } from "./hydrated";

export const getSession = ConsoleService.method.getSession;

/** Who is signed in changes only by leaving the page (sign-in and sign-out are full-page redirects). */
export const SESSION_STALE_MS = 30 * 60_000;

export type Session =
  | { status: "loading" }
  /** No sign-in in this console: nothing of it shows. */
  | { status: "off" }
  /** Sign-in is on; `user` is known once signed in. */
  | { status: "on"; user?: UserInfoResponse; signInUrl: string; signOutUrl: string };

export function sessionFromResult(data: { authEnabled: boolean; user?: UserInfoResponse; signInUrl: string; signOutUrl: string } | undefined, error: unknown): Session {
  if (data) return data.authEnabled ? { status: "on", user: data.user?.subject ? data.user : undefined, signInUrl: data.signInUrl, signOutUrl: data.signOutUrl } : { status: "off" };
  if (error instanceof ConnectError && error.code === Code.Unauthenticated) {
    return { status: "on", signInUrl: error.metadata.get(SIGN_IN_URL_HEADER) ?? "", signOutUrl: "" };
  }
  // Unimplemented (a BFF without sign-in), or the BFF unreachable: no sign-in to show.
  return error ? { status: "off" } : { status: "loading" };
}

export function useSession(): Session {
  const q = useQuery(getSession, {}, { staleTime: SESSION_STALE_MS, gcTime: Infinity });
  // The header asks first; a part of the page hydrating after its answer must still match the server's HTML.
  const hydrated = useHydrated();
  return hydrated ? sessionFromResult(q.data, q.error) : { status: "loading" };
}

/** The signed-in user, or undefined (signed out, sign-in off, or still loading). */
export function useSignedInUser(): UserInfoResponse | undefined {
  const s = useSession();
  return s.status === "on" ? s.user : undefined;
}

/** How confirmations name who acts ("Ada Lovelace (ada)"), when someone is signed in. */
export function useActor(): string | undefined {
  const user = useSignedInUser();
  return user ? actorLabel(user) : undefined;
}
