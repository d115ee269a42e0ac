// Times recorded from events.
import { durationFromMs, timestampFromMs, type Timestamp } from "@bufbuild/protobuf/wkt";
import { msOf } from "../store/db";
import type { SandboxContext } from "./context";

/** Duration from `start` (or `fallback`) to `end`, never negative. */
export function elapsed(end: Timestamp | undefined, start: Timestamp | undefined, fallback?: Timestamp) {
  const e = msOf(end) ?? 0;
  const s = msOf(start) ?? msOf(fallback) ?? e;
  return durationFromMs(Math.max(0, e - s));
}

/** When an event happened: as reported, or now when the reporter left it out. */
export function occurredAt(ctx: SandboxContext, ts: Timestamp | undefined): Timestamp {
  return ts ?? timestampFromMs(ctx.now());
}

/** The later of two times: a closure's updated_at never goes back when an event reports an earlier time. */
export function latest(current: Timestamp | undefined, next: Timestamp): Timestamp {
  const c = msOf(current);
  return c !== null && c > (msOf(next) ?? 0) ? current! : next;
}
