// Every port the bench opens, as offsets from one base (BENCH_BASE_PORT, default 31000), so that a
// bench run can share the machine with e2e runs and dev servers that use other ranges.
const BASE = Number(process.env.BENCH_BASE_PORT || 31000);

export const PORTS = {
  page: { grpcPort: BASE + 1, httpPort: BASE + 2, consolePort: BASE + 3, metricsPort: BASE + 4 },
  deploy: { server: BASE + 10, nginxHttp: BASE + 11, nginxGrpc: BASE + 12 },
  dashboard: { grpcPort: BASE + 21, httpPort: BASE + 22, consolePort: BASE + 23, metricsPort: BASE + 24 },
  floor: BASE + 30,
} as const;
