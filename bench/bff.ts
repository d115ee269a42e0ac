// BFF pass-through cost: the same ListExecutions call, direct to the sandbox over gRPC and
// through the console's BFF (Connect binary over HTTP/1.1), side by side in one run.
import { createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { executionListRequest } from "@/lib/query/executions";
import { printTable, round, summarize, type LatencySummary } from "./stats";
import type { Stack } from "./stack";

type Admin = Client<typeof AdminService>;

/** ListExecutions(50) called `n` times one after the other. */
export async function sequentialLatency(client: Admin, n: number): Promise<LatencySummary> {
  const req = executionListRequest("flytesnacks", "development");
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await client.listExecutions(req);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

async function throughput(client: Admin, concurrency: number, durationMs: number): Promise<number> {
  const req = executionListRequest("flytesnacks", "development");
  const end = performance.now() + durationMs;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await client.listExecutions(req);
        done++;
      }
    }),
  );
  return done / (durationMs / 1000);
}

/** AdminService as the browser reaches it: Connect binary over HTTP/1.1 to the BFF at `origin`, same-origin. */
export function bffClient(origin: string): Admin {
  return createClient(
    AdminService,
    createConnectTransport({
      baseUrl: `${origin}/console/api/connect`,
      httpVersion: "1.1",
      useBinaryFormat: true,
      interceptors: [(next) => (req) => (req.header.set("origin", origin), next(req))],
    }),
  );
}

export interface BffResult {
  method: string;
  payloadBytes: number;
  direct: LatencySummary & { rps: number };
  bff: LatencySummary & { rps: number };
  addedP50Ms: number;
  addedP99Ms: number;
  throughputRatio: number;
  targets: { addedP50UnderMs: number; throughputRatioAtLeast: number; met: boolean };
}

export async function benchBff(stack: Stack, opts = { warmup: 200, samples: 1000, concurrency: 16, durationMs: 5000 }): Promise<BffResult> {
  const direct = createClient(AdminService, createGrpcTransport({ baseUrl: stack.sandboxGrpc }));
  const viaBff = bffClient(stack.console);
  const sample = await direct.listExecutions(executionListRequest("flytesnacks", "development"));
  const { toBinary } = await import("@bufbuild/protobuf");
  const { ExecutionListSchema } = await import("@/lib/gen/flyteidl/admin/execution_pb");
  const payloadBytes = toBinary(ExecutionListSchema, sample).length;

  await sequentialLatency(direct, opts.warmup);
  await sequentialLatency(viaBff, opts.warmup);
  // Interleave the two so that machine noise hits both alike.
  const d1 = await sequentialLatency(direct, opts.samples / 2);
  const b1 = await sequentialLatency(viaBff, opts.samples / 2);
  const d2 = await sequentialLatency(direct, opts.samples / 2);
  const b2 = await sequentialLatency(viaBff, opts.samples / 2);
  const merge = (a: LatencySummary, b: LatencySummary): LatencySummary => ({
    samples: a.samples + b.samples,
    p50: (a.p50 + b.p50) / 2,
    p99: Math.max(a.p99, b.p99),
    mean: (a.mean + b.mean) / 2,
  });
  const dLat = merge(d1, d2);
  const bLat = merge(b1, b2);
  const dRps = await throughput(direct, opts.concurrency, opts.durationMs);
  const bRps = await throughput(viaBff, opts.concurrency, opts.durationMs);

  const result: BffResult = {
    method: "AdminService.ListExecutions (limit 50)",
    payloadBytes,
    direct: { ...dLat, rps: dRps },
    bff: { ...bLat, rps: bRps },
    addedP50Ms: bLat.p50 - dLat.p50,
    addedP99Ms: bLat.p99 - dLat.p99,
    throughputRatio: bRps / dRps,
    targets: { addedP50UnderMs: 1, throughputRatioAtLeast: 0.5, met: false },
  };
  result.targets.met = result.addedP50Ms < 1 && result.throughputRatio >= 0.5;

  console.log(`\nBFF pass-through — ${result.method}, ${payloadBytes} B response, concurrency ${opts.concurrency} for throughput`);
  printTable(
    ["path", "p50 ms", "p99 ms", "req/s"],
    [
      ["direct gRPC → sandbox", round(dLat.p50), round(dLat.p99), Math.round(dRps)],
      ["browser path → BFF → sandbox", round(bLat.p50), round(bLat.p99), Math.round(bRps)],
      ["BFF adds / keeps", `+${round(result.addedP50Ms)}`, `+${round(result.addedP99Ms)}`, `${round(result.throughputRatio * 100, 1)}%`],
    ],
  );
  console.log(`targets: adds < 1 ms at p50, keeps ≥ 50% of throughput → ${result.targets.met ? "met" : "NOT met"}`);
  return result;
}
