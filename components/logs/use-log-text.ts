"use client";

// Loads a log through the BFF (`/api/logs`) and, while following a running task, asks every ~2 s for
// the bytes after the ones it has, appending them. Byte offsets are the server's; a streaming
// TextDecoder keeps a UTF-8 character split across two chunks intact.
import { Code, ConnectError } from "@connectrpc/connect";
import { useCallback, useEffect, useRef, useState } from "react";
import { appendLogText, emptyLogDocument, type LogDocument } from "@/lib/flyte/logs/lines";
import { logApiUrl, readLogChunkInfo } from "@/lib/flyte/logs/protocol";
import { handleUnauthenticated } from "@/lib/query/sign-in";

export const FOLLOW_INTERVAL_MS = 2000;

export interface LogTextState {
  doc: LogDocument;
  /** First load still under way. */
  loading: boolean;
  /** Why the log could not be read (first load), or why the last refresh failed. */
  error?: { status: number; message: string };
  /** The log goes on past the console's size cap; what is shown stops there. */
  truncated: boolean;
  maxBytes?: number;
  totalBytes?: number;
  bytes: number;
}

const initial: LogTextState = { doc: emptyLogDocument, loading: true, truncated: false, bytes: 0 };

/** What is held, tagged with the log it belongs to: a new URI starts from nothing, not from another log. */
type HeldLog = LogTextState & { uri: string };
const heldFor = (s: HeldLog, uri: string): HeldLog => (s.uri === uri ? s : { ...initial, uri });
/** What an answer for the bytes from `from` builds on: a read from the start replaces whatever is held. */
const baseFor = (s: HeldLog, uri: string, from: number): HeldLog => (from === 0 ? { ...initial, uri } : heldFor(s, uri));

async function readError(res: Response): Promise<{ status: number; message: string }> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === "string") return { status: res.status, message: body.error };
  } catch {
    // not JSON: a proxy or the framework answered
  }
  return { status: res.status, message: `The console could not read this log (HTTP ${res.status}).` };
}

export function useLogText(uri: string, { follow, running }: { follow: boolean; running: boolean }) {
  const [held, setHeld] = useState<HeldLog>(() => ({ ...initial, uri }));
  const offsetRef = useRef(0);
  const truncatedRef = useRef(false);
  /** Signed out: following stops until the person retries (or the page goes to sign in). */
  const signedOutRef = useRef(false);
  const inFlight = useRef<AbortController | null>(null);
  const decoderRef = useRef(new TextDecoder());
  const generation = useRef(0);

  /** Fetches everything after what we have; repeats at once while the server returns partial chunks. */
  const fetchMore = useCallback(async () => {
    if (inFlight.current || truncatedRef.current || signedOutRef.current) return;
    const gen = generation.current;
    const abort = new AbortController();
    inFlight.current = abort;
    let from = offsetRef.current;
    try {
      for (let round = 0; round < 20; round++) {
        from = offsetRef.current;
        const res = await fetch(logApiUrl(uri, from), { signal: abort.signal, cache: "no-store" });
        if (gen !== generation.current) return;
        if (!res.ok) {
          const error = await readError(res);
          // Signed out while following a log: sign in, as every other call does (the headers name the page).
          if (res.status === 401) {
            signedOutRef.current = true;
            handleUnauthenticated(new ConnectError(error.message, Code.Unauthenticated, res.headers));
          }
          if (gen === generation.current) setHeld((s) => ({ ...baseFor(s, uri, from), loading: false, error }));
          return;
        }
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (gen !== generation.current) return;
        const info = readLogChunkInfo(res.headers, bytes.length);
        offsetRef.current = info.nextOffset;
        truncatedRef.current = info.truncated;
        const text = decoderRef.current.decode(bytes, { stream: !info.truncated });
        setHeld((held) => {
          const s = baseFor(held, uri, from);
          return {
            uri,
            doc: appendLogText(s.doc, text),
            loading: false,
            error: undefined,
            truncated: info.truncated,
            maxBytes: info.maxBytes,
            totalBytes: info.totalBytes ?? s.totalBytes,
            bytes: info.nextOffset,
          };
        });
        if (!info.partial || bytes.length === 0) return;
      }
    } catch (err) {
      if (abort.signal.aborted || gen !== generation.current) return;
      const message = err instanceof Error ? err.message : String(err);
      setHeld((s) => ({ ...baseFor(s, uri, from), loading: false, error: { status: 0, message: `The console did not answer: ${message}` } }));
    } finally {
      if (inFlight.current === abort) inFlight.current = null;
    }
  }, [uri]);

  // A new URI starts over.
  useEffect(() => {
    generation.current += 1;
    offsetRef.current = 0;
    truncatedRef.current = false;
    signedOutRef.current = false;
    decoderRef.current = new TextDecoder();
    inFlight.current?.abort();
    inFlight.current = null;
    void fetchMore();
    return () => {
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [fetchMore]);

  // Following a running task: poll for what was appended.
  useEffect(() => {
    if (!follow || !running) return;
    const timer = setInterval(() => void fetchMore(), FOLLOW_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [follow, running, fetchMore]);

  // The task just finished: read the last lines once.
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) void fetchMore();
    wasRunning.current = running;
  }, [running, fetchMore]);

  const retry = useCallback(() => {
    signedOutRef.current = false;
    setHeld((s) => {
      const h = heldFor(s, uri);
      return { ...h, loading: h.doc === emptyLogDocument, error: undefined };
    });
    void fetchMore();
  }, [fetchMore, uri]);

  const { uri: _heldUri, ...state } = heldFor(held, uri);
  return { ...state, retry };
}
