"use client";

// Zoom of the timeline's chart: the chart is `baseWidth × zoom` pixels wide inside a scroller, so panning is the
// browser's own horizontal scroll. Zooming (buttons, ctrl/⌘ + wheel, a touchpad's pinch) keeps the time under
// the pointer, or the middle of the view, where it was.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { anchoredScroll, clampZoom, MIN_ZOOM, maxZoom, wheelZoomFactor } from "@/lib/flyte/timeline-axis";

/** Chart width before the scroller has been measured (and in tests without layout). */
const FALLBACK_WIDTH = 800;

export interface TimelineZoom {
  zoom: number;
  /** Width of the chart's visible part, in pixels: the chart's width at zoom 1. */
  baseWidth: number;
  scrollLeft: number;
  canZoomIn: boolean;
  canZoomOut: boolean;
  zoomBy(factor: number, anchorX?: number): void;
  reset(): void;
}

export function useTimelineZoom(
  /** The scroller, once rendered (a callback ref's state, so the listeners follow it). */
  el: HTMLDivElement | null,
  spanMs: number,
  /** Pixels of the scroller taken by the sticky columns left and right of the chart. */
  inset: { left: number; right: number },
): TimelineZoom {
  const [zoom, setZoom] = useState(MIN_ZOOM);
  const [measured, setMeasured] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const baseWidth = measured > 0 ? measured : FALLBACK_WIDTH;
  // Wheel events come faster than renders: each builds on the zoom and scroll the previous one asked for.
  const target = useRef<{ zoom: number; scrollLeft?: number }>({ zoom: MIN_ZOOM });

  useEffect(() => {
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => setMeasured(Math.max(0, el.clientWidth - inset.left - inset.right));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el, inset.left, inset.right]);

  useEffect(() => {
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollLeft(el.scrollLeft));
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener("scroll", onScroll);
    };
  }, [el]);

  const zoomBy = useCallback(
    (factor: number, anchorX?: number) => {
      const from = target.current;
      const next = clampZoom(from.zoom * factor, spanMs);
      if (next === from.zoom) return;
      const anchor = Math.min(baseWidth, Math.max(0, anchorX ?? baseWidth / 2));
      const scroll = anchoredScroll(from.scrollLeft ?? el?.scrollLeft ?? 0, anchor, from.zoom, next, baseWidth);
      target.current = { zoom: next, scrollLeft: scroll };
      setZoom(next);
    },
    [el, spanMs, baseWidth],
  );

  const reset = useCallback(() => {
    target.current = { zoom: MIN_ZOOM, scrollLeft: 0 };
    setZoom(MIN_ZOOM);
  }, []);

  // The chart has its new width: scroll so the anchored time is back under the pointer.
  useLayoutEffect(() => {
    const wanted = target.current.scrollLeft;
    if (el && wanted !== undefined) {
      el.scrollTo?.({ left: wanted });
      setScrollLeft(wanted);
    }
    target.current = { zoom };
  }, [el, zoom]);

  useEffect(() => {
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      // Not the browser's page zoom: the chart's.
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomBy(wheelZoomFactor(e.deltaY, e.deltaMode), e.clientX - rect.left - inset.left);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [el, zoomBy, inset.left]);

  return {
    zoom,
    baseWidth,
    scrollLeft,
    canZoomIn: zoom < maxZoom(spanMs),
    canZoomOut: zoom > MIN_ZOOM,
    zoomBy,
    reset,
  };
}
