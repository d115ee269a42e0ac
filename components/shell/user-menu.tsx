"use client";

// Who is signed in, in the header: picture (or initials) and name; a small menu with email,
// subject and Sign out (FlyteAdmin's /logout, back to the console's home). Nothing without sign-in.
import { useCallback, useId, useRef, useState } from "react";
import type { UserInfoResponse } from "@/lib/gen/flyteidl/service/identity_pb";
import { consolePath, withBasePath } from "@/lib/flyte/urls";
import { displayName, initials } from "@/lib/flyte/identity";
import { useSession } from "@/lib/query/session";
import { withRedirectUrl } from "@/lib/flyte/sign-in";
import { isNavigableUrl } from "@/lib/query/sign-in";
import { useDismiss } from "@/components/ui/use-dismiss";

/** FlyteAdmin's sign-out, landing on the console's home page afterwards. */
export function signOutHref(signOutUrl: string, origin: string): string | undefined {
  if (!signOutUrl || !isNavigableUrl(signOutUrl)) return undefined;
  return withRedirectUrl(signOutUrl, new URL(withBasePath(consolePath({ page: "projects" })), origin).href);
}

function Avatar({ user, name }: { user: UserInfoResponse; name: string }) {
  const [broken, setBroken] = useState(false);
  // A web address, or an image inlined as a data URL (some directories hand out no picture URLs).
  // An <img> runs no script whatever it loads, but anything else (javascript:, blob:) is no picture.
  const picture = /^(https?:\/\/|data:image\/(png|jpeg|gif|webp|svg\+xml)[;,])/i.test(user.picture) ? user.picture : "";
  if (picture && !broken) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- the picture lives on the identity provider's host, which next/image would need configured
      <img
        src={picture}
        alt={`Picture of ${name}`}
        referrerPolicy="no-referrer"
        onError={() => setBroken(true)}
        className="h-6 w-6 shrink-0 rounded-full object-cover"
        data-testid="signed-in-picture"
      />
    );
  }
  return (
    <span aria-hidden data-testid="signed-in-initials" className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-[11px] font-semibold text-indigo-800">
      {initials(user)}
    </span>
  );
}

function SignedInUser({ user, signOutUrl }: { user: UserInfoResponse; signOutUrl: string }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useDismiss(open, rootRef, close);
  const name = displayName(user);
  const signOut = signOutHref(signOutUrl, window.location.origin);
  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        data-testid="signed-in-user"
        data-subject={user.subject}
        aria-label={`Signed in as ${name}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-[14rem] items-center gap-2 rounded-md px-1.5 py-1 text-sm text-slate-700 hover:bg-slate-50"
      >
        <Avatar user={user} name={name} />
        <span className="hidden truncate sm:inline">{name}</span>
      </button>
      {open ? (
        <div
          id={panelId}
          role="group"
          aria-label="Your account"
          data-testid="user-menu"
          className="absolute right-0 z-30 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg"
        >
          <p className="break-words font-medium text-slate-900">{name}</p>
          {user.email ? (
            <p className="break-words text-slate-600" data-testid="signed-in-email">
              {user.email}
            </p>
          ) : null}
          <p className="mt-2 text-xs text-slate-500">
            Subject (recorded as the principal of your runs)
            <span className="block break-all font-mono text-slate-700" data-testid="signed-in-subject">
              {user.subject}
            </span>
          </p>
          {signOut ? (
            <a href={signOut} data-testid="sign-out" className="mt-3 block border-t border-slate-100 pt-2 font-medium text-indigo-700 hover:underline">
              Sign out
            </a>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function UserMenu() {
  const session = useSession();
  if (session.status !== "on" || !session.user) return null;
  return <SignedInUser user={session.user} signOutUrl={session.signOutUrl} />;
}
