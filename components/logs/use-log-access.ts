"use client";

// Which log URIs the console reads itself (GET /api/logs): the rest are links that open in a new tab.
import { useQuery } from "@tanstack/react-query";
import { LOG_API_PATH, type LogAccessInfo } from "@/lib/flyte/logs/protocol";
import { withBasePath } from "@/lib/flyte/urls";

async function fetchLogAccess(): Promise<LogAccessInfo> {
  const res = await fetch(withBasePath(LOG_API_PATH), { cache: "no-store" });
  if (!res.ok) throw new Error(`GET ${LOG_API_PATH} answered ${res.status}`);
  return (await res.json()) as LogAccessInfo;
}

export function useLogAccess() {
  return useQuery({ queryKey: ["console", "log-access"], queryFn: fetchLogAccess, staleTime: Number.POSITIVE_INFINITY });
}
