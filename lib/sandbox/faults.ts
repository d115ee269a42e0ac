// Fault injection for reliability tests: the sandbox can be slow, flaky or down, switchable at run
// time. One FaultState is shared by the gRPC server and the REST gateway through the same
// interceptor, so both transports misbehave identically. The interceptor also counts calls per
// method, which is how the console's benchmark measures what it costs the upstream.
// Two faults act on the simulated FlytePropeller instead (the executor loop reads them every round):
// its clock runs `clockSkewMs` ahead of (or behind) the sandbox's, and `leaveNodeRunning` loses the final
// event of one node per execution (see lostEvents.ts).
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";

/** What a caller may change (POST /_sandbox/faults). `outageForMs: 0` ends an outage. */
export interface FaultUpdate {
  latencyMs?: number;
  unavailableRate?: number;
  outageForMs?: number;
  /** How far the simulated FlytePropeller's clock is ahead (negative: behind) of the sandbox's, in ms. */
  clockSkewMs?: number;
  /** Whether an ending execution leaves one node reported RUNNING (flyte#3931). */
  leaveNodeRunning?: boolean;
}

/** The current settings as the control endpoint reports them. */
export interface FaultView {
  latencyMs: number;
  unavailableRate: number;
  /** ISO time the outage ends, or null when there is none. */
  outageUntil: string | null;
  outageRemainingMs: number;
  clockSkewMs: number;
  leaveNodeRunning: boolean;
}

/** The faults of the simulated FlytePropeller, read by the executor loop every round. */
export interface PropellerFaults {
  readonly clockSkewMs: number;
  readonly leaveNodeRunning: boolean;
}

export const NO_PROPELLER_FAULTS: PropellerFaults = { clockSkewMs: 0, leaveNodeRunning: false };

/** What happens to one call. */
export interface FaultDecision {
  delayMs: number;
  failure: null | "outage" | "unavailable";
}

export interface MethodStats {
  calls: number;
  errors: number;
  /** Calls failed by fault injection rather than by the service. */
  injectedFailures: number;
  callsPerSecond: number;
}

export interface StatsView {
  since: string;
  elapsedMs: number;
  totalCalls: number;
  methods: Record<string, MethodStats>;
}

export class FaultSettingsError extends RangeError {}

const MAX_LATENCY_MS = 10 * 60_000;
const MAX_OUTAGE_MS = 24 * 3_600_000;
const MAX_CLOCK_SKEW_MS = 3_600_000;

/** The environment variable each setting starts from, named in its errors. */
const ENV_NAMES = {
  latencyMs: "FLYTE_SANDBOX_LATENCY_MS",
  unavailableRate: "FLYTE_SANDBOX_UNAVAILABLE_RATE",
  clockSkewMs: "FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS",
  leaveNodeRunning: "FLYTE_SANDBOX_FAULT_LEAVE_NODE_RUNNING",
} as const;

type SettingNames = Partial<Record<keyof FaultUpdate, string>>;

export interface FaultClock {
  now?: () => number;
  random?: () => number;
}

/** Calls per method, counted by the fault interceptor; reset with `reset()`. */
export class CallStats {
  private counts = new Map<string, { calls: number; errors: number; injectedFailures: number }>();
  private sinceMs: number;

  constructor(private readonly now: () => number = Date.now) {
    this.sinceMs = now();
  }

  record(method: string, outcome: "ok" | "error" | "injected"): void {
    let entry = this.counts.get(method);
    if (!entry) {
      entry = { calls: 0, errors: 0, injectedFailures: 0 };
      this.counts.set(method, entry);
    }
    entry.calls++;
    if (outcome !== "ok") entry.errors++;
    if (outcome === "injected") entry.injectedFailures++;
  }

  reset(): void {
    this.counts.clear();
    this.sinceMs = this.now();
  }

  snapshot(): StatsView {
    const elapsedMs = Math.max(0, this.now() - this.sinceMs);
    const seconds = Math.max(elapsedMs, 1) / 1000;
    const methods: Record<string, MethodStats> = {};
    let totalCalls = 0;
    for (const [method, c] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      methods[method] = { ...c, callsPerSecond: c.calls / seconds };
      totalCalls += c.calls;
    }
    return { since: new Date(this.sinceMs).toISOString(), elapsedMs, totalCalls, methods };
  }
}

export class FaultState implements PropellerFaults {
  private latencyMs = 0;
  private unavailableRate = 0;
  private outageUntilMs = 0;
  private skewMs = 0;
  private leaveRunning = false;
  private readonly now: () => number;
  private readonly random: () => number;
  readonly stats: CallStats;

  constructor(init: FaultUpdate = {}, clock: FaultClock = {}, names: SettingNames = {}) {
    this.now = clock.now ?? Date.now;
    this.random = clock.random ?? Math.random;
    this.stats = new CallStats(this.now);
    this.update(init, names);
  }

  /**
   * Reads FLYTE_SANDBOX_LATENCY_MS, FLYTE_SANDBOX_UNAVAILABLE_RATE, FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS and
   * FLYTE_SANDBOX_FAULT_LEAVE_NODE_RUNNING; a bad value fails start-up with an error naming it.
   */
  static fromEnv(env: Record<string, string | undefined> = process.env, clock: FaultClock = {}): FaultState {
    const number = (name: string): number | undefined => {
      const raw = env[name]?.trim();
      if (!raw) return undefined;
      const value = Number(raw);
      if (!Number.isFinite(value)) throw new FaultSettingsError(`${name} must be a number, got "${raw}"`);
      return value;
    };
    const flag = (name: string): boolean | undefined => {
      const raw = env[name]?.trim();
      if (!raw) return undefined;
      if (/^(1|true)$/i.test(raw)) return true;
      if (/^(0|false)$/i.test(raw)) return false;
      throw new FaultSettingsError(`${name} must be 1 or 0, got "${raw}"`);
    };
    try {
      const init: FaultUpdate = {
        latencyMs: number(ENV_NAMES.latencyMs),
        unavailableRate: number(ENV_NAMES.unavailableRate),
        clockSkewMs: number(ENV_NAMES.clockSkewMs),
        leaveNodeRunning: flag(ENV_NAMES.leaveNodeRunning),
      };
      return new FaultState(init, clock, ENV_NAMES);
    } catch (err) {
      if (err instanceof FaultSettingsError) {
        throw new FaultSettingsError(`sandbox fault settings from the environment: ${err.message}`);
      }
      throw err;
    }
  }

  /** Validates the whole update first, so a bad field changes nothing. */
  update(update: FaultUpdate, names: SettingNames = {}): FaultView {
    const { latencyMs, unavailableRate, outageForMs, clockSkewMs, leaveNodeRunning } = update;
    if (latencyMs !== undefined) checkRange(names.latencyMs ?? "latencyMs", latencyMs, 0, MAX_LATENCY_MS);
    if (unavailableRate !== undefined) checkRange(names.unavailableRate ?? "unavailableRate", unavailableRate, 0, 1);
    if (outageForMs !== undefined) checkRange(names.outageForMs ?? "outageForMs", outageForMs, 0, MAX_OUTAGE_MS);
    if (clockSkewMs !== undefined) checkRange(names.clockSkewMs ?? "clockSkewMs", clockSkewMs, -MAX_CLOCK_SKEW_MS, MAX_CLOCK_SKEW_MS);
    if (leaveNodeRunning !== undefined && typeof leaveNodeRunning !== "boolean") {
      throw new FaultSettingsError(`${names.leaveNodeRunning ?? "leaveNodeRunning"} must be true or false, got ${JSON.stringify(leaveNodeRunning)}`);
    }
    if (latencyMs !== undefined) this.latencyMs = latencyMs;
    if (unavailableRate !== undefined) this.unavailableRate = unavailableRate;
    if (outageForMs !== undefined) this.outageUntilMs = outageForMs > 0 ? this.now() + outageForMs : 0;
    if (clockSkewMs !== undefined) this.skewMs = Math.round(clockSkewMs);
    if (leaveNodeRunning !== undefined) this.leaveRunning = leaveNodeRunning;
    return this.view();
  }

  get clockSkewMs(): number {
    return this.skewMs;
  }

  get leaveNodeRunning(): boolean {
    return this.leaveRunning;
  }

  view(): FaultView {
    const remaining = Math.max(0, this.outageUntilMs - this.now());
    return {
      latencyMs: this.latencyMs,
      unavailableRate: this.unavailableRate,
      outageUntil: remaining > 0 ? new Date(this.outageUntilMs).toISOString() : null,
      outageRemainingMs: remaining,
      clockSkewMs: this.skewMs,
      leaveNodeRunning: this.leaveRunning,
    };
  }

  decide(): FaultDecision {
    // An outage fails fast, as a load balancer with no healthy backend does.
    if (this.outageUntilMs > this.now()) return { delayMs: 0, failure: "outage" };
    const failure = this.unavailableRate > 0 && this.random() < this.unavailableRate ? "unavailable" : null;
    return { delayMs: this.latencyMs, failure };
  }
}

function checkRange(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new FaultSettingsError(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
}

const NUMBER_SETTINGS = ["latencyMs", "unavailableRate", "outageForMs", "clockSkewMs"] as const;
const KNOWN_SETTINGS = [...NUMBER_SETTINGS, "leaveNodeRunning"] as const;

/** Parses a control-endpoint body: only the known keys, numbers (and one boolean) only. */
export function parseFaultUpdate(json: unknown): FaultUpdate {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new FaultSettingsError("expected a JSON object like {\"latencyMs\": 200}");
  }
  const update: FaultUpdate = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === "leaveNodeRunning") {
      if (typeof value !== "boolean") throw new FaultSettingsError("leaveNodeRunning must be true or false");
      update.leaveNodeRunning = value;
      continue;
    }
    const name = NUMBER_SETTINGS.find((k) => k === key);
    if (!name) throw new FaultSettingsError(`unknown setting "${key}" (known: ${KNOWN_SETTINGS.join(", ")})`);
    if (typeof value !== "number") throw new FaultSettingsError(`${key} must be a number`);
    update[name] = value;
  }
  return update;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(ConnectError.from(signal.reason, Code.Canceled));
    const onAbort = () => {
      clearTimeout(timer);
      reject(ConnectError.from(signal.reason, Code.Canceled));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A server interceptor applying `state` to every call (gRPC and REST alike, as long as both are
 * given it) and counting calls per method as "package.Service/Method".
 */
export function faultInterceptor(state: FaultState): Interceptor {
  return (next) => async (req) => {
    const method = `${req.service.typeName}/${req.method.name}`;
    const decision = state.decide();
    try {
      if (decision.delayMs > 0) await sleep(decision.delayMs, req.signal);
    } catch (err) {
      state.stats.record(method, "error");
      throw err;
    }
    if (decision.failure) {
      state.stats.record(method, "injected");
      throw new ConnectError(
        decision.failure === "outage"
          ? "sandbox: simulated outage (fault injection)"
          : "sandbox: simulated unavailability (fault injection)",
        Code.Unavailable,
      );
    }
    try {
      const res = await next(req);
      state.stats.record(method, "ok");
      return res;
    } catch (err) {
      state.stats.record(method, "error");
      throw err;
    }
  };
}
