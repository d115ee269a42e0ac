"use client";

import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { followExecution, LiveExecution, type LiveState } from "./live-execution";

/** The execution as it changes, pushed by the BFF's WatchExecution stream. */
export function useLiveExecution(project: string, domain: string, name: string): LiveState {
  const transport = useTransport();
  const [live] = useState(() => new LiveExecution());
  useEffect(() => {
    const abort = new AbortController();
    void followExecution(createClient(ConsoleService, transport), { project, domain, name }, live, abort.signal);
    return () => abort.abort();
  }, [transport, project, domain, name, live]);
  return useSyncExternalStore(live.subscribe, live.get, live.get);
}
