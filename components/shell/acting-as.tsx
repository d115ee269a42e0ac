"use client";

import { useActor } from "@/lib/query/session";

/** "Terminating as Ada Lovelace (ada)" in a confirmation, when someone is signed in; nothing otherwise. */
export function ActingAs({ verb }: { verb: string }) {
  const actor = useActor();
  if (!actor) return null;
  return (
    <p data-testid="acting-as" className="text-xs text-slate-600">
      {verb} as <span className="font-medium text-slate-800">{actor}</span>
    </p>
  );
}
