"use client";

// Whether this component has hydrated. The server renders every query as pending, but the browser hydrates
// a page's parts at different times (each Suspense boundary when its code arrives): a query the header
// started may already have answered when a boundary below hydrates, and rendering its data there differs
// from the server's HTML (React error #418). Data shared with the header is shown once hydrated; so is text
// that depends on the browser's clock or time zone.
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False on the server and while hydrating, true afterwards (and on client-side navigations). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
