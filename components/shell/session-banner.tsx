"use client";

// What the page says when a call came back Unauthenticated and the console did not (or could not)
// send the browser to sign in: see lib/query/sign-in.ts.
import { markSignInSent, useSignInProblem } from "@/lib/query/sign-in";
import { Banner } from "@/components/ui/banner";

export function SessionBanner() {
  const problem = useSignInProblem();
  if (!problem) return null;
  if (problem.kind === "redirecting") {
    return (
      <Banner tone="info" title="Sign-in needed" testId="session-banner">
        Taking you to the sign-in page…
      </Banner>
    );
  }
  if (problem.kind === "stillRefused") {
    return (
      <Banner
        tone="error"
        title="Signed in, but the console still cannot use your session"
        testId="session-banner"
        action={
          <a href={problem.signInHref} onClick={() => markSignInSent()} className="font-medium underline" data-testid="sign-in-again">
            Sign in again
          </a>
        }
      >
        FlyteAdmin keeps answering that you are not signed in
        {problem.message ? <>: {problem.message}</> : null}. If signing in again does not help, the console and FlyteAdmin may not share the same
        session keys; ask whoever runs them.
      </Banner>
    );
  }
  return (
    <Banner tone="error" title="Not signed in" testId="session-banner">
      {problem.message || "FlyteAdmin needs you to sign in, and the console knows no sign-in page to send you to."}
    </Banner>
  );
}
