"use client";

import { useEffect, type RefObject } from "react";
import { useEscapeLayer } from "./use-escape-layer";

/** Closes a popover on a click outside `root` or on Escape, while it is open. */
export function useDismiss(open: boolean, root: RefObject<HTMLElement | null>, close: () => void) {
  useEscapeLayer(open, close);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open, root, close]);
}
