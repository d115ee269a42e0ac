// What every service handler needs: the database, the settings and a clock.
import type { SandboxAuth } from "../auth";
import type { Db } from "../store/db";
import type { SandboxConfig } from "../config";

export interface SandboxContext {
  db: Db;
  config: SandboxConfig;
  /** Epoch ms; injectable so tests and the executor agree on time. */
  now: () => number;
  /** Base URL of the sandbox HTTP server (task logs, /api/v1), once it listens. */
  httpBaseUrl: string;
  /** With FLYTE_SANDBOX_AUTH=1: the token authority and cookie keys; undefined with auth off. */
  auth?: SandboxAuth;
}
