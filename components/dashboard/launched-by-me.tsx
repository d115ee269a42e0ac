"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "./filter-controls";
import { useMe } from "./use-me";

/** Toggles the "launched by" filter to the remembered user; asks for the name the first time. */
export function LaunchedByMe({ user, onChange }: { user: string | undefined; onChange(user: string | undefined): void }) {
  const [me, setMe] = useMe();
  const [asking, setAsking] = useState(false);
  const [draft, setDraft] = useState("");
  const id = useId();
  const mine = !!me && user === me;
  if (asking) {
    return (
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.trim()) return;
          setMe(draft);
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
  return (
    <Button
      aria-pressed={mine}
      title={me ? `Runs launched by ${me} (remembered on this browser)` : "Tell the console your user name once; it is remembered on this browser"}
      onClick={() => (me ? onChange(mine ? undefined : me) : setAsking(true))}
      className={mine ? "border-indigo-500 bg-indigo-50 text-indigo-700" : ""}
    >
      Launched by me
    </Button>
  );
}
