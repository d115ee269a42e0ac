import { describe, expect, it } from "vitest";
import {
  anchoredScroll,
  axisTicks,
  clampZoom,
  maxZoom,
  tickStep,
  visibleWindow,
  wheelZoomFactor,
  zoneCaption,
  zoneOffsetMs,
} from "./timeline-axis";

// 2024-06-01 12:03:20.000 UTC
const T = Date.UTC(2024, 5, 1, 12, 3, 20);

describe("axis ticks", () => {
  it("pick a round spacing that fits the count", () => {
    expect(tickStep(60_000, 10)).toBe(10_000);
    expect(tickStep(60_000, 4)).toBe(15_000);
    expect(tickStep(3_600_000, 6)).toBe(600_000);
    expect(tickStep(900, 10)).toBe(100);
    expect(tickStep(90 * 86_400_000, 2)).toBe(60 * 86_400_000);
  });

  it("fall on round UTC times and name the date on the first one", () => {
    const ticks = axisTicks(T + 5_000, T + 65_000, 6, "UTC");
    expect(ticks.map((t) => t.ms - T)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(ticks.map((t) => t.label)).toEqual(["Jun 1, 12:03:30", "12:03:40", "12:03:50", "12:04:00", "12:04:10", "12:04:20"]);
  });

  it("fall on the zone's round times, also half an hour off UTC, with the zone's labels", () => {
    const utc = axisTicks(T, T + 4 * 3_600_000, 4, "UTC");
    expect(utc.map((t) => t.label)).toEqual(["Jun 1, 13:00", "14:00", "15:00", "16:00"]);
    const india = axisTicks(T, T + 4 * 3_600_000, 4, "Asia/Kolkata");
    // 12:03 UTC is 17:33 in India: the hours there are at :30 past UTC's.
    expect(india.map((t) => t.label)).toEqual(["Jun 1, 18:00", "19:00", "20:00", "21:00"]);
    expect(india.map((t) => new Date(t.ms).toISOString().slice(11, 16))).toEqual(["12:30", "13:30", "14:30", "15:30"]);
  });

  it("name the date again on a tick of a new day", () => {
    const ticks = axisTicks(Date.UTC(2024, 5, 1, 20), Date.UTC(2024, 5, 2, 4), 4, "UTC");
    expect(ticks.map((t) => t.label)).toEqual(["Jun 1, 20:00", "22:00", "Jun 2, 00:00", "02:00", "04:00"]);
  });

  it("keep wall-clock hours across a daylight-saving change", () => {
    // Europe/Berlin springs forward at 01:00 UTC on 2024-03-31 (02:00 → 03:00 local).
    const ticks = axisTicks(Date.UTC(2024, 2, 30, 23, 30), Date.UTC(2024, 2, 31, 3, 30), 5, "Europe/Berlin");
    expect(ticks.map((t) => t.label.replace(/^Mar 31, /, ""))).toEqual(["01:00", "03:00", "04:00", "05:00"]);
  });

  it("show milliseconds when zoomed below a second, and nothing on an empty span", () => {
    const ticks = axisTicks(T, T + 1_000, 5, "UTC");
    expect(ticks[1].label).toBe("12:03:20.200");
    expect(axisTicks(T, T, 5, "UTC")).toEqual([]);
  });

  it("say which zone they are in", () => {
    expect(zoneCaption(T, "UTC")).toBe("UTC");
    expect(zoneCaption(T, "Asia/Kolkata")).toBe("local time (GMT+5:30)");
    expect(zoneOffsetMs(T, "Asia/Kolkata")).toBe(5.5 * 3_600_000);
    expect(zoneOffsetMs(T + 123, "UTC")).toBe(0);
  });
});

describe("zoom", () => {
  it("stays between the whole run and a second across", () => {
    expect(clampZoom(0.5, 60_000)).toBe(1);
    expect(clampZoom(100, 60_000)).toBe(60);
    expect(clampZoom(Number.NaN, 60_000)).toBe(1);
    expect(maxZoom(500)).toBe(1);
    expect(maxZoom(86_400_000)).toBe(1_000);
  });

  it("keeps the time under the pointer where it was", () => {
    const base = 1_000;
    const range = { startMs: 0, endMs: 100_000 };
    // At zoom 2, scrolled 500 px: the pointer 300 px into the chart is at 800 / 2000 of the run.
    const before = visibleWindow(range, 500, 2, base);
    const pointerMs = before.startMs + (300 / base) * (before.endMs - before.startMs);
    expect(pointerMs).toBe(40_000);
    const scroll = anchoredScroll(500, 300, 2, 4, base);
    const after = visibleWindow(range, scroll, 4, base);
    expect(after.startMs + (300 / base) * (after.endMs - after.startMs)).toBe(40_000);
    expect(after.endMs - after.startMs).toBe(25_000);
  });

  it("never scrolls before the start or past the end", () => {
    expect(anchoredScroll(0, 10, 2, 1, 1_000)).toBe(0);
    expect(anchoredScroll(900, 900, 2, 8, 1_000)).toBe(6_300);
    expect(anchoredScroll(1_000, 1_200, 2, 8, 1_000)).toBe(7_000);
    expect(anchoredScroll(100, 0, 4, 1, 1_000)).toBe(0);
  });

  it("zooms in on a wheel turned away from the reader, out towards them", () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1.5);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1 / 1.5);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-48, 0));
    expect(wheelZoomFactor(0, 0)).toBe(1);
  });
});
