"use client";

import { useEffect, useState } from "react";

/**
 * A small copy button. `text` is a function so large values are serialised only when copied,
 * not on every render of a big tree.
 */
export function CopyButton({
  text,
  label,
  caption = "Copy",
  className = "",
}: {
  text: () => string;
  label: string;
  /** The visible text while idle. */
  caption?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1_500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={() => {
        const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
        if (!clipboard) return setState("failed");
        clipboard.writeText(text()).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
      className={`rounded px-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600 ${className}`}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : caption}
    </button>
  );
}
