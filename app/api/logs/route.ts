// GET /api/logs?uri=<TaskLog uri>[&offset=&limit=]: the text of a log the console may read (see
// lib/admin/logs); GET /api/logs: which log URIs those are, so the browser knows what to show inline.
import { handleLogRequest, readLogProxyConfig, type LogProxyConfig } from "@/lib/admin/logs";

export const dynamic = "force-dynamic";

let config: LogProxyConfig | undefined;
function logConfig(): LogProxyConfig {
  if (!config) {
    config = readLogProxyConfig();
    if (config.invalidSources.length > 0) {
      console.warn(`console: FLYTE_CONSOLE_LOG_ORIGINS entries ignored (not http(s) URLs): ${config.invalidSources.join(", ")}`);
    }
  }
  return config;
}

export function GET(request: Request) {
  return handleLogRequest(request, logConfig());
}
