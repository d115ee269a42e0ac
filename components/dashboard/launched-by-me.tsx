"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "./filter-controls";
import { useMe } from "./use-me";

/**
 * Toggles the "launched by" filter to me: the signed-in user's subject, or without sign-in a name
 * remembered on this browser (asked for the first time).
 */
export function LaunchedByMe({ user, onChange }: { user: string | undefined; onChange(user: string | undefined): void }) {
  const { me, remember } = useMe();
  const [asking, setAsking] = useState(false);
  const [draft, setDraft] = useState("");
  const id = useId();
  const mine = !!me.principal && user === me.principal;
  if (asking && !me.signedIn) {
    return (
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.trim()) return;
          remember(draft);
          setAsking(false);
          onChange(draft.trim());
        }}
      >
        <label htmlFor={id} className="sr-only">
          Your Flyte user name
        </label>
        <input
          id={id}
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="your user name"
          className={`${controlClass} w-36`}
        />
        <Button type="submit" variant="primary">
          Save
        </Button>
        <Button variant="ghost" onClick={() => setAsking(false)}>
          Cancel
        </Button>
      </form>
    );
  }
  const title = me.signedIn
    ? `Runs launched by you, ${me.label}: principal ${me.principal}`
    : me.principal
      ? `Runs launched by ${me.label} (remembered on this browser)`
      : "Tell the console your user name once; it is remembered on this browser";
  return (
    <Button
      data-testid="launched-by-me"
      data-principal={me.principal || undefined}
      aria-pressed={mine}
      aria-busy={me.pending || undefined}
      // Until the session is known there is no "me": a click then would be lost, or take a remembered name.
      disabled={me.pending}
      title={title}
      onClick={() => {
        if (me.principal) onChange(mine ? undefined : me.principal);
        else setAsking(true);
      }}
      className={mine ? "border-indigo-500 bg-indigo-50 text-indigo-700" : ""}
    >
      Launched by me
    </Button>
  );
}
