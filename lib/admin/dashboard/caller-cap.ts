// How many expensive computations one caller may run: at most `maxConcurrent` at once and
// `maxPerMinute` started in any minute. Callers are opaque keys (a token's hash, or "anonymous").

export interface CallerCapOptions {
  maxConcurrent: number;
  maxPerMinute: number;
  /** What one computation is, in the words a refusal uses ("dashboard counts"). */
  noun?: string;
}

export type CapVerdict = { ok: true; release: () => void } | { ok: false; reason: string; retryAfterMs: number };

const MINUTE_MS = 60_000;

export class CallerCap {
  private readonly running = new Map<string, number>();
  private readonly started = new Map<string, number[]>();

  constructor(private readonly opts: CallerCapOptions) {}

  tryStart(caller: string, nowMs = Date.now()): CapVerdict {
    const recent = (this.started.get(caller) ?? []).filter((t) => nowMs - t < MINUTE_MS);
    const running = this.running.get(caller) ?? 0;
    const noun = this.opts.noun ?? "dashboard counts";
    if (running >= this.opts.maxConcurrent) {
      return { ok: false, reason: `${running} of your ${noun} are still being computed`, retryAfterMs: 1_000 };
    }
    if (recent.length >= this.opts.maxPerMinute) {
      return {
        ok: false,
        reason: `you started ${recent.length} ${noun} in the last minute (at most ${this.opts.maxPerMinute})`,
        retryAfterMs: recent[0] + MINUTE_MS - nowMs,
      };
    }
    recent.push(nowMs);
    this.started.set(caller, recent);
    this.running.set(caller, running + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.running.get(caller) ?? 1) - 1;
        if (left > 0) this.running.set(caller, left);
        else this.running.delete(caller);
      },
    };
  }

  /** Forgets callers with nothing running and nothing started within the minute, so the maps stay small. */
  prune(nowMs = Date.now()): void {
    for (const [caller, times] of this.started) {
      if (!this.running.has(caller) && times.every((t) => nowMs - t >= MINUTE_MS)) this.started.delete(caller);
    }
  }
}
