"use client";

// Who "me" is. Signed in, the console knows: FlyteAdmin records the user's subject as an
// execution's spec.metadata.principal. Without sign-in it does not, so the name is a per-browser
// setting the person enters once.
import { useCallback } from "react";
import { actorLabel } from "@/lib/flyte/identity";
import { useSession } from "@/lib/query/session";
import { useStoredText } from "@/components/ui/use-stored-choice";

const KEY = "flyteconsole.me";

export interface Me {
  /** What FlyteAdmin records as spec.metadata.principal for this person; "" when unknown. */
  principal: string;
  /** How to name them: "Ada Lovelace (ada)" when signed in, the remembered name otherwise. */
  label: string;
  /** Known from the sign-in session: there is no name to ask for. */
  signedIn: boolean;
  /** The session is still loading: do not ask for a name yet. */
  pending: boolean;
}

export function useMe(): { me: Me; remember(name: string): void } {
  const session = useSession();
  const [remembered, store] = useStoredText(KEY);
  const remember = useCallback((name: string) => store(name.trim()), [store]);
  const user = session.status === "on" ? session.user : undefined;
  // While the session loads, nobody is "me" yet: a remembered name is only for a console without sign-in.
  const me: Me = user
    ? { principal: user.subject, label: actorLabel(user), signedIn: true, pending: false }
    : session.status === "loading"
      ? { principal: "", label: "", signedIn: false, pending: true }
      : { principal: remembered, label: remembered, signedIn: false, pending: false };
  return { me, remember };
}
