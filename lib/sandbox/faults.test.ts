import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport, type ConnectRouter } from "@connectrpc/connect";
import { GetVersionResponseSchema } from "@/lib/gen/flyteidl/admin/version_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { FaultSettingsError, FaultState, faultInterceptor, parseFaultUpdate } from "./faults";

const routes = (router: ConnectRouter) =>
  router.service(AdminService, {
    getVersion: () => create(GetVersionResponseSchema, {}),
    getExecution: () => {
      throw new ConnectError("no such execution", Code.NotFound);
    },
  });

function clientWith(state: FaultState) {
  return createClient(AdminService, createRouterTransport(routes, { router: { interceptors: [faultInterceptor(state)] } }));
}

async function outcome(p: Promise<unknown>): Promise<"ok" | Code> {
  try {
    await p;
    return "ok";
  } catch (err) {
    return ConnectError.from(err).code;
  }
}

describe("FaultState", () => {
  it("reads its start settings from the environment and refuses nonsense", () => {
    const state = FaultState.fromEnv({ FLYTE_SANDBOX_LATENCY_MS: "250", FLYTE_SANDBOX_UNAVAILABLE_RATE: "0.1" });
    expect(state.view()).toMatchObject({ latencyMs: 250, unavailableRate: 0.1, outageUntil: null });
    expect(FaultState.fromEnv({}).view()).toMatchObject({ latencyMs: 0, unavailableRate: 0 });
    expect(() => FaultState.fromEnv({ FLYTE_SANDBOX_LATENCY_MS: "fast" })).toThrow(/FLYTE_SANDBOX_LATENCY_MS/);
    expect(() => FaultState.fromEnv({ FLYTE_SANDBOX_UNAVAILABLE_RATE: "1.5" })).toThrow(FaultSettingsError);
  });

  it("reads the simulated FlytePropeller's faults from the environment, naming a bad setting", () => {
    const state = FaultState.fromEnv({ FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS: "5000", FLYTE_SANDBOX_FAULT_LEAVE_NODE_RUNNING: "1" });
    expect(state.view()).toMatchObject({ clockSkewMs: 5000, leaveNodeRunning: true });
    expect([state.clockSkewMs, state.leaveNodeRunning]).toEqual([5000, true]);
    expect(FaultState.fromEnv({ FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS: "-2500", FLYTE_SANDBOX_FAULT_LEAVE_NODE_RUNNING: "false" }).view()).toMatchObject({
      clockSkewMs: -2500,
      leaveNodeRunning: false,
    });
    expect(FaultState.fromEnv({}).view()).toMatchObject({ clockSkewMs: 0, leaveNodeRunning: false });
    expect(() => FaultState.fromEnv({ FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS: "5s" })).toThrow(/FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS must be a number, got "5s"/);
    expect(() => FaultState.fromEnv({ FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS: "7200000" })).toThrow(
      /FLYTE_SANDBOX_FAULT_CLOCK_SKEW_MS must be a number from -3600000 to 3600000, got 7200000/,
    );
    expect(() => FaultState.fromEnv({ FLYTE_SANDBOX_FAULT_LEAVE_NODE_RUNNING: "yes" })).toThrow(/FLYTE_SANDBOX_FAULT_LEAVE_NODE_RUNNING must be 1 or 0, got "yes"/);
    expect(() => FaultState.fromEnv({ FLYTE_SANDBOX_LATENCY_MS: "-1" })).toThrow(/FLYTE_SANDBOX_LATENCY_MS must be a number from 0/);
  });

  it("takes clockSkewMs and leaveNodeRunning at run time, refusing wrong types and ranges", () => {
    const state = new FaultState();
    expect(state.update(parseFaultUpdate({ clockSkewMs: -5000, leaveNodeRunning: true }))).toMatchObject({ clockSkewMs: -5000, leaveNodeRunning: true });
    expect(() => parseFaultUpdate({ clockSkewMs: "5000" })).toThrow(/clockSkewMs must be a number/);
    expect(() => parseFaultUpdate({ leaveNodeRunning: 1 })).toThrow(/leaveNodeRunning must be true or false/);
    expect(() => parseFaultUpdate({ skew: 1 })).toThrow(/known: latencyMs, unavailableRate, outageForMs, clockSkewMs, leaveNodeRunning/);
    expect(() => state.update({ clockSkewMs: 3_600_001, leaveNodeRunning: false })).toThrow(/clockSkewMs must be a number from -3600000 to 3600000/);
    expect(state.view()).toMatchObject({ clockSkewMs: -5000, leaveNodeRunning: true });
  });

  it("changes nothing when one field of an update is invalid", () => {
    const state = new FaultState({ latencyMs: 10 });
    expect(() => state.update({ latencyMs: 50, unavailableRate: -1 })).toThrow(FaultSettingsError);
    expect(state.view().latencyMs).toBe(10);
    expect(() => parseFaultUpdate({ latency: 5 })).toThrow(/unknown setting "latency"/);
    expect(() => parseFaultUpdate({ latencyMs: "5" })).toThrow(/must be a number/);
  });

  it("keeps an outage until its end time, then recovers", () => {
    let now = 1_000_000;
    const state = new FaultState({}, { now: () => now });
    state.update({ outageForMs: 5000 });
    expect(state.decide().failure).toBe("outage");
    expect(state.view().outageRemainingMs).toBe(5000);
    now += 4999;
    expect(state.decide().failure).toBe("outage");
    now += 1;
    expect(state.decide().failure).toBeNull();
    expect(state.view().outageUntil).toBeNull();
  });
});

describe("faultInterceptor", () => {
  it("adds the configured latency to each call", async () => {
    const client = clientWith(new FaultState({ latencyMs: 120 }));
    const started = performance.now();
    await client.getVersion({});
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("fails about the configured share of calls with Unavailable", async () => {
    const client = clientWith(new FaultState({ unavailableRate: 0.3 }));
    const results = await Promise.all(Array.from({ length: 600 }, () => outcome(client.getVersion({}))));
    const unavailable = results.filter((r) => r === Code.Unavailable).length;
    expect(results.every((r) => r === "ok" || r === Code.Unavailable)).toBe(true);
    expect(unavailable / results.length).toBeGreaterThan(0.22);
    expect(unavailable / results.length).toBeLessThan(0.38);
  });

  it("fails every call during an outage and none after it", async () => {
    const state = new FaultState();
    const client = clientWith(state);
    state.update({ outageForMs: 150 });
    expect(await outcome(client.getVersion({}))).toBe(Code.Unavailable);
    expect(await outcome(client.getVersion({}))).toBe(Code.Unavailable);
    await new Promise((r) => setTimeout(r, 170));
    expect(await outcome(client.getVersion({}))).toBe("ok");
  });

  it("counts calls per method, with errors and injected failures apart", async () => {
    const state = new FaultState();
    const client = clientWith(state);
    await client.getVersion({});
    await client.getVersion({});
    await outcome(client.getExecution({}));
    state.update({ outageForMs: 1000 });
    await outcome(client.getVersion({}));
    const stats = state.stats.snapshot();
    expect(stats.totalCalls).toBe(4);
    expect(stats.methods["flyteidl.service.AdminService/GetVersion"]).toMatchObject({ calls: 3, errors: 1, injectedFailures: 1 });
    expect(stats.methods["flyteidl.service.AdminService/GetExecution"]).toMatchObject({ calls: 1, errors: 1, injectedFailures: 0 });
    expect(stats.methods["flyteidl.service.AdminService/GetVersion"].callsPerSecond).toBeGreaterThan(0);
    state.stats.reset();
    expect(state.stats.snapshot().totalCalls).toBe(0);
  });

  it("gives up waiting when the caller goes away during the added latency", async () => {
    const client = clientWith(new FaultState({ latencyMs: 5000 }));
    const abort = new AbortController();
    const call = outcome(client.getVersion({}, { signal: abort.signal }));
    setTimeout(() => abort.abort(), 20);
    const started = performance.now();
    expect(await call).toBe(Code.Canceled);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
