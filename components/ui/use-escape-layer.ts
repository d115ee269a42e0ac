"use client";

// Escape closes the topmost thing open on the page, one at a time: a menu before the log drawer, the drawer
// before the node panel. Modal dialogs (the native <dialog> of a confirmation, the search palette) close
// themselves on Escape, so nothing under them closes with them.
import { useEffect, useRef } from "react";

interface Layer {
  close(): void;
  /** Escape typed in a text field leaves this layer open (it would lose what was typed, or the field has its own Escape). */
  keepWhileTyping: boolean;
}

const layers: Layer[] = [];

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || (target.tagName === "INPUT" && !["checkbox", "radio", "button", "submit"].includes((target as HTMLInputElement).type));
}

function onKeyDown(e: KeyboardEvent) {
  if (e.key !== "Escape" || e.isComposing) return;
  if (document.querySelector("dialog[open], [role='dialog']")) return;
  const top = layers[layers.length - 1];
  if (!top || (top.keepWhileTyping && typingIn(e.target))) return;
  top.close();
}

/**
 * While `open`, Escape calls `close` unless something opened later is still open. Listens in the capture
 * phase: widgets under the focus that claim Escape for themselves (the graph's keyboard) do not swallow it.
 */
export function useEscapeLayer(open: boolean, close: () => void, { keepWhileTyping = false } = {}) {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const layer: Layer = { close: () => latest.current(), keepWhileTyping };
    if (layers.length === 0) document.addEventListener("keydown", onKeyDown, true);
    layers.push(layer);
    return () => {
      layers.splice(layers.indexOf(layer), 1);
      if (layers.length === 0) document.removeEventListener("keydown", onKeyDown, true);
    };
  }, [open, keepWhileTyping]);
}
