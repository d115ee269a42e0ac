"use client";

import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { ConsoleService, type WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { followExecution, LiveExecution, type LiveState } from "./live-execution";

/**
 * The execution as it changes, pushed by the BFF's WatchExecution stream. `snapshot`: the server's, sent with
 * the page; the hook starts from it and the stream resumes from its cursor (none is opened when it was final).
 */
export function useLiveExecution(project: string, domain: string, name: string, snapshot?: WatchExecutionResponse): LiveState {
  const transport = useTransport();
  const [live] = useState(() => new LiveExecution(snapshot));
  const [cursor] = useState(() => snapshot?.cursor);
  useEffect(() => {
    if (live.get().status === "done") return;
    const abort = new AbortController();
    void followExecution(createClient(ConsoleService, transport), { project, domain, name }, live, abort.signal, { cursor });
    return () => abort.abort();
  }, [transport, project, domain, name, live, cursor]);
  return useSyncExternalStore(live.subscribe, live.get, live.get);
}
