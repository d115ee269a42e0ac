// The sandbox's one database: a SQLite file with a table per resource. Each row keeps
// the full protobuf message as a BLOB plus the columns that lists filter and sort by.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { INDEXES, SCHEMA } from "./schema";

export type Db = Database.Database;

// Bump when SCHEMA changes: the sandbox holds demo data only, so an older file is rebuilt.
export const SCHEMA_VERSION = 7;

export function openDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, "sandbox.sqlite"));
  configure(db);
  migrate(db);
  return db;
}

/** An in-memory database with the same schema, for tests. */
export function openMemoryDb(): Db {
  const db = new Database(":memory:");
  configure(db);
  migrate(db);
  return db;
}

function configure(db: Db): void {
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a commit is written to the WAL file (the OS's page cache) before the call that made
  // it returns, so killing the process at any moment (kill -9) loses no acknowledged write; only an OS crash
  // or power loss can lose the last commits, because the WAL is synced at checkpoints rather than on every
  // commit. FULL would sync on every commit: each executor event is its own transaction, and the sandbox's
  // data is demo data, so the process-crash guarantee is the one it needs (see persistence.test.ts).
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
}

function migrate(db: Db): void {
  rebuildIfOld(db);
  db.exec(INDEXES);
}

function rebuildIfOld(db: Db): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    if (version !== 0) {
      db.pragma("foreign_keys = OFF");
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[];
      for (const { name } of tables) db.exec(`DROP TABLE IF EXISTS "${name}"`);
      db.pragma("foreign_keys = ON");
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** A small key/value table for process-level facts (e.g. whether the seed ran). */
export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, cached per database (the executor loop runs the same few queries constantly). */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

/** Epoch ms of a protobuf Timestamp, or null when unset. */
export function msOf(ts: { seconds: bigint; nanos: number } | undefined): number | null {
  if (!ts) return null;
  return Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6);
}

/** Epoch ms of a protobuf Duration, or 0 when unset. */
export function durationMsOf(d: { seconds: bigint; nanos: number } | undefined): number {
  if (!d) return 0;
  return Number(d.seconds) * 1000 + Math.round(d.nanos / 1e6);
}
