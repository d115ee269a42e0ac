"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};
const hasObserver = () => typeof IntersectionObserver !== "undefined";
// The server renders as a browser would at first (not yet seen), so hydration matches.
const serverHasObserver = () => true;

/** True once the element has scrolled near the viewport (and stays true): lists fetch per-row data lazily. */
export function useInView<T extends Element>(rootMargin = "200px"): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  // Without IntersectionObserver there is no way to tell: treat everything as seen.
  const canObserve = useSyncExternalStore(noSubscription, hasObserver, serverHasObserver);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen || !canObserve) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin });
    io.observe(el);
    return () => io.disconnect();
  }, [seen, canObserve, rootMargin]);
  return [ref, seen || !canObserve];
}
