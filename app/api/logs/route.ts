// GET /api/logs?uri=<TaskLog uri>[&offset=&limit=]: the text of a log the console may read (see
// lib/admin/logs); GET /api/logs: which log URIs those are, so the browser knows what to show inline.
import { log } from "@/lib/admin/log";
import { handleLogRequest, readLogProxyConfig, type LogProxyConfig } from "@/lib/admin/logs";
import { observed } from "@/lib/admin/observe";

export const dynamic = "force-dynamic";

let config: LogProxyConfig | undefined;
function logConfig(): LogProxyConfig {
  if (!config) {
    config = readLogProxyConfig();
    if (config.invalidSources.length > 0) {
      log().warn({ ignored: config.invalidSources }, "FLYTE_CONSOLE_LOG_ORIGINS entries ignored (not http(s) URLs)");
    }
  }
  return config;
}

export const GET = observed("/api/logs", (request: Request) => handleLogRequest(request, logConfig()));
