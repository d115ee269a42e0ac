// How the page's own calls to the BFF are faring, for the connection banner: a call still waiting
// after 2 s says FlyteAdmin is slow, and both that and a call failing with Unavailable or
// DeadlineExceeded make the banner ask the BFF's probe at once instead of at its next poll (15 s
// apart while all is well). Once the call has ended, the probe's answer decides what the banner says.
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";

/** A call still waiting after this long is slow (and so is FlyteAdmin, as far as the user can tell). */
export const SLOW_CALL_MS = 2_000;

/** Calls whose slowness says nothing about FlyteAdmin's: console aggregates of up to 40 upstream calls. */
const NOT_TIMED = new Set(["GetDashboardStats", "GetFailureGroups"]);
/** The probe itself: its failures are read from its own answer, never as a reason to probe again. */
const PROBE = "GetConsoleInfo";

export interface CallHealth {
  /** Calls in flight that have waited longer than SLOW_CALL_MS. */
  slowPending: number;
  /** Bumped when a call turns slow or fails: the banner then asks the probe. */
  alarms: number;
}

export class ConnectionHealth {
  private state: CallHealth = { slowPending: 0, alarms: 0 };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly get = (): CallHealth => this.state;

  private set(next: Partial<CallHealth>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  turnedSlow(): void {
    this.set({ slowPending: this.state.slowPending + 1, alarms: this.state.alarms + 1 });
  }

  /** A call ended; `alarm` when FlyteAdmin did not answer it. */
  ended(wasSlow: boolean, alarm: boolean): void {
    if (!wasSlow && !alarm) return;
    this.set({ slowPending: this.state.slowPending - (wasSlow ? 1 : 0), alarms: this.state.alarms + (alarm ? 1 : 0) });
  }

  reset(): void {
    this.set({ slowPending: 0, alarms: 0 });
  }
}

/** The page's one record of its calls (the browser transport reports to it). */
export const connectionHealth = new ConnectionHealth();

/** Codes that mean FlyteAdmin (or the way to it) did not answer; any other error is an answer. */
const UNANSWERED = new Set([Code.Unavailable, Code.DeadlineExceeded]);

/** Reports every unary call's outcome to `health`; streams (the live watch) are long by design and not timed. */
export function connectionInterceptor(health: ConnectionHealth): Interceptor {
  return (next) => async (req) => {
    if (req.stream) return next(req);
    const timed = !NOT_TIMED.has(req.method.name);
    const probe = req.method.name === PROBE;
    let slow = false;
    const timer = timed
      ? setTimeout(() => {
          slow = true;
          health.turnedSlow();
        }, SLOW_CALL_MS)
      : undefined;
    let alarm = false;
    try {
      return await next(req);
    } catch (err) {
      alarm = !probe && UNANSWERED.has(ConnectError.from(err).code);
      throw err;
    } finally {
      clearTimeout(timer);
      health.ended(slow, alarm);
    }
  };
}
