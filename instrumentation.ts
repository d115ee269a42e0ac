// Next calls register() once as the server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMetricsServerOnce } = await import("./lib/admin/metrics-server");
  await startMetricsServerOnce();
}
