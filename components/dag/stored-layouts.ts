// Layouts kept across visits in IndexedDB: a layout is a pure function of its graph (the key hashes the
// closure, the open groups and the filter; LAYOUT_VERSION the placement), so a second visit to a 10,000-node
// run, or another execution of the same workflow version, reads it instead of laying out again.
// Best effort: any IndexedDB failure (private mode, quota, an old browser) reads as a miss.
import type { Layout } from "@/lib/flyte/graph/layout";
import { LAYOUT_VERSION } from "@/lib/flyte/graph/layout-version";

const DB = "flyte-console-layouts";
const STORE = "layouts";
/** Kept layouts; the least recently stored go first. A 10,000-node layout is about 0.5 MB. */
export const MAX_STORED = 30;

interface Stored {
  key: string;
  at: number;
  layout: Layout;
}

let opened: Promise<IDBDatabase | undefined> | undefined;

function db(): Promise<IDBDatabase | undefined> {
  opened ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "key" }).createIndex("at", "at");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
      req.onblocked = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return opened;
}

const storedKey = (key: string) => `${LAYOUT_VERSION}:${key}`;

export async function readStoredLayout(key: string): Promise<Layout | undefined> {
  const d = await db();
  if (!d) return undefined;
  return new Promise((resolve) => {
    try {
      const req = d.transaction(STORE, "readonly").objectStore(STORE).get(storedKey(key));
      req.onsuccess = () => resolve((req.result as Stored | undefined)?.layout);
      req.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

export async function storeLayout(layout: Layout): Promise<void> {
  const d = await db();
  if (!d) return;
  try {
    const tx = d.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    store.put({ key: storedKey(layout.key), at: Date.now(), layout } satisfies Stored);
    const count = store.count();
    count.onsuccess = () => {
      let extra = count.result - MAX_STORED;
      if (extra <= 0) return;
      const oldest = store.index("at").openCursor();
      oldest.onsuccess = () => {
        const cursor = oldest.result;
        if (!cursor || extra-- <= 0) return;
        cursor.delete();
        cursor.continue();
      };
    };
  } catch {
    /* a miss next time */
  }
}
