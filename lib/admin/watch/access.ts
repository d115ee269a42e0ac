// Who may see a watched execution. One poll loop serves every viewer of an execution with one viewer's
// credentials, so each viewer's own credentials are asked (GetExecution) before they get any data and
// again every recheck interval; a refusal ends only that viewer's stream.
import { createHash } from "node:crypto";

/** Viewers with the same credentials share their checks; the key never holds the token itself. */
export function credentialKey(headers: Headers): string {
  const authorization = headers.get("authorization");
  return authorization ? createHash("sha256").update(authorization).digest("base64url") : "anonymous";
}

interface Entry {
  checkedAtMs?: number;
  inFlight?: Promise<void>;
}

export class AccessChecks {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly recheckMs: number,
    /** Asks FlyteAdmin with these credentials; rejects with its error when it refuses. */
    private readonly ask: (headers: Headers) => Promise<void>,
    private readonly onResult: (key: string, error?: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** These credentials read the execution within the recheck interval. */
  valid(key: string): boolean {
    const at = this.entries.get(key)?.checkedAtMs;
    return at !== undefined && this.now() - at < this.recheckMs;
  }

  /** Not valid, and not being asked right now. */
  due(key: string): boolean {
    const entry = this.entries.get(key);
    return !entry?.inFlight && !this.valid(key);
  }

  /** A call with these credentials just succeeded (the loop's own poll counts). */
  succeeded(key: string) {
    const entry = this.entries.get(key) ?? {};
    entry.checkedAtMs = this.now();
    this.entries.set(key, entry);
  }

  forget(key: string) {
    this.entries.delete(key);
  }

  /** Asks once for these credentials, however many viewers share them; the answer goes to onResult. */
  check(key: string, headers: Headers) {
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    if (entry.inFlight) return;
    entry.inFlight = this.ask(headers).then(
      () => {
        entry.inFlight = undefined;
        if (this.entries.get(key) !== entry) return;
        this.succeeded(key);
        this.onResult(key);
      },
      (err: unknown) => {
        entry.inFlight = undefined;
        if (this.entries.get(key) === entry) this.onResult(key, err);
      },
    );
  }
}
