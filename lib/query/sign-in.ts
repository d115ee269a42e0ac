// What the browser does when a BFF call answers Unauthenticated: go to FlyteAdmin's sign-in page
// (the BFF names it in the error's metadata) and come back to the same URL. Every call passes here
// once: the transport's interceptor sees unary calls and streams (the live watch included).
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { useSyncExternalStore } from "react";
import { SIGN_IN_URL_HEADER, withRedirectUrl } from "@/lib/flyte/sign-in";

/**
 * Coming back Unauthenticated this soon after being sent to sign in, with no call answered in
 * between, means signing in did not help (the console cannot open FlyteAdmin's session, or
 * FlyteAdmin rejects it): redirecting again would loop. One answered call clears the mark, so a
 * session that worked and then expired (a short-lived token) goes to sign in again.
 */
export const SIGN_IN_LOOP_WINDOW_MS = 60_000;

const SENT_AT_KEY = "flyteconsole.signInSentAt";

export type SignInProblem =
  /** The browser is on its way to the sign-in page. */
  | { kind: "redirecting" }
  /** Sent to sign in moments ago and still refused: a banner offers to try again, no automatic loop. */
  | { kind: "stillRefused"; signInHref: string; message: string }
  /** No sign-in page known (an auth proxy signs people in): a banner says so. */
  | { kind: "notSignedIn"; message: string };

export interface SignInEnv {
  location: { readonly href: string; assign(url: string): void };
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  now(): number;
}

function browserEnv(): SignInEnv | undefined {
  if (typeof window === "undefined") return undefined;
  let storage: Storage | undefined;
  try {
    storage = window.sessionStorage;
  } catch {
    // storage disabled: no loop guard across the redirect, the banner still shows within a page
  }
  return { location: window.location, storage, now: Date.now };
}

/** Only web addresses and paths: never a javascript: URL, whoever sent it. */
export function isNavigableUrl(url: string): boolean {
  return /^(https?:\/\/|\/)/i.test(url);
}

let problem: SignInProblem | undefined;
const listeners = new Set<() => void>();

function setProblem(next: SignInProblem) {
  problem = next;
  for (const l of listeners) l();
}

export const signInProblems = {
  get: (): SignInProblem | undefined => problem,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Tests only: a fresh page. */
  reset() {
    problem = undefined;
    for (const l of listeners) l();
  },
};

/** Records that the console is sending the browser to sign in now (the loop guard reads it on return). */
export function markSignInSent(env: SignInEnv | undefined = browserEnv()) {
  try {
    env?.storage?.setItem(SENT_AT_KEY, String(env.now()));
  } catch {
    // storage full or disabled: see browserEnv
  }
}

/** A call was answered: the session works, so a later Unauthenticated is not a sign-in loop. */
export function markSessionWorked(env: SignInEnv | undefined = browserEnv()) {
  try {
    if (env?.storage?.getItem(SENT_AT_KEY) != null) env.storage.removeItem(SENT_AT_KEY);
  } catch {
    // storage disabled: see browserEnv
  }
}

function sentRecently(env: SignInEnv): boolean {
  let raw: string | null | undefined;
  try {
    raw = env.storage?.getItem(SENT_AT_KEY);
  } catch {
    return false;
  }
  const at = Number(raw);
  return !!raw && Number.isFinite(at) && env.now() - at < SIGN_IN_LOOP_WINDOW_MS;
}

/** Sends the browser to sign in, or says why it does not; ignores every error but Unauthenticated. */
export function handleUnauthenticated(error: unknown, env: SignInEnv | undefined = browserEnv()): void {
  if (!env || !(error instanceof ConnectError) || error.code !== Code.Unauthenticated) return;
  // Several calls fail at once: one redirect. Once this page has given up redirecting (the loop
  // guard), later failures (polls) leave it to the person's "Sign in again".
  if (problem?.kind === "redirecting" || problem?.kind === "stillRefused") return;
  const signInUrl = error.metadata.get(SIGN_IN_URL_HEADER) ?? "";
  if (!signInUrl || !isNavigableUrl(signInUrl)) {
    setProblem({ kind: "notSignedIn", message: error.rawMessage });
    return;
  }
  const href = withRedirectUrl(signInUrl, env.location.href);
  if (sentRecently(env)) {
    setProblem({ kind: "stillRefused", signInHref: href, message: error.rawMessage });
    return;
  }
  markSignInSent(env);
  setProblem({ kind: "redirecting" });
  env.location.assign(href);
}

async function* reportingErrors<T>(messages: AsyncIterable<T>, onError: (error: unknown) => void, onAnswer: () => void): AsyncIterable<T> {
  try {
    let first = true;
    for await (const message of messages) {
      if (first) onAnswer();
      first = false;
      yield message;
    }
  } catch (err) {
    onError(err);
    throw err;
  }
}

/**
 * Hands every failed call, and every stream that ends in an error, to `onError` (the caller still
 * sees the error), and every answered call (a stream's first message) to `onAnswer`.
 */
export function signInInterceptor(
  onError: (error: unknown) => void = (e) => handleUnauthenticated(e),
  onAnswer: () => void = () => markSessionWorked(),
): Interceptor {
  return (next) => async (req) => {
    try {
      const res = await next(req);
      if (!res.stream) onAnswer();
      return res.stream ? { ...res, message: reportingErrors(res.message, onError, onAnswer) } : res;
    } catch (err) {
      onError(err);
      throw err;
    }
  };
}

/** The sign-in problem of this page, if any (for the banner). */
export function useSignInProblem(): SignInProblem | undefined {
  return useSyncExternalStore(signInProblems.subscribe, signInProblems.get, () => undefined);
}
